import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { Page } from '../common/pagination';
import { MailDeliveryPageResponse, MailDeliveryQuery, MailDeliveryResponse } from './dto/mail-delivery.dto';
import { MailDeliveriesService } from './mail-deliveries.service';

@ApiTags('admin')
@Controller('admin/mail')
export class AdminMailController {
  constructor(private readonly deliveries: MailDeliveriesService) {}

  @Get()
  @Allow('list', 'MailDelivery')
  @ApiOperation({ summary: 'Mail deliveries with their state and last error, newest first (admin)' })
  @ApiOkResponse({ type: MailDeliveryPageResponse })
  list(@CurrentUser() actor: AuthUser, @Query() query: MailDeliveryQuery): Promise<Page<MailDeliveryResponse>> {
    return this.deliveries.list(actor, query);
  }
}
