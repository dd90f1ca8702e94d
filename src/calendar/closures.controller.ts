import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { ApiErrors } from '../common/openapi';
import { CalendarErrorCode } from './calendar.errors';
import { ClosuresService } from './closures.service';
import { ClosureDateParam, ClosureInput, ClosureResponse, ClosureYearQuery } from './dto/closure.dto';

@ApiTags('calendar')
@Controller('calendar/closures')
export class ClosuresController {
  constructor(private readonly closures: ClosuresService) {}

  @Get()
  @Allow('read', 'ClosureDay')
  @ApiOperation({ summary: "The university's closure days of a year (not working days)" })
  @ApiOkResponse({ type: [ClosureResponse], description: 'In date order' })
  list(@Query() query: ClosureYearQuery): Promise<ClosureResponse[]> {
    return this.closures.list(query.year);
  }

  @Put(':date')
  @Allow('update', 'ClosureDay')
  @ApiOperation({
    summary: 'Make a day a closure day, or change its reason (International Office); applies to stages opened after it',
  })
  @ApiOkResponse({ type: ClosureResponse })
  put(
    @CurrentUser() actor: AuthUser,
    @Param() params: ClosureDateParam,
    @Body() body: ClosureInput,
  ): Promise<ClosureResponse> {
    return this.closures.put(actor, params.date, body.reason);
  }

  @Delete(':date')
  @HttpCode(204)
  @Allow('update', 'ClosureDay')
  @ApiOperation({ summary: 'Make a closure day a normal day again (International Office)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'No closure day on this date' })
  @ApiErrors(CalendarErrorCode.ClosureNotFound)
  async remove(@CurrentUser() actor: AuthUser, @Param() params: ClosureDateParam): Promise<void> {
    await this.closures.remove(actor, params.date);
  }
}
