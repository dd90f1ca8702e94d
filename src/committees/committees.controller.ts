import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { CommitteeDto, CommitteeResponse, UpdateCommitteeDto } from './committee.dto';
import { CommitteesService } from './committees.service';
import { ApiErrors } from '../common/openapi';
import { CommitteeErrorCode } from './committee.errors';

@ApiTags('committees')
@Controller('committees')
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @Get()
  @Allow('read', 'Committee')
  @ApiOperation({ summary: 'List the review committees with their quorum and review target' })
  @ApiOkResponse({ type: [CommitteeResponse] })
  list(@CurrentUser() actor: AuthUser): Promise<CommitteeResponse[]> {
    return this.committees.list(actor);
  }

  @Post()
  @Allow('create', 'Committee')
  @ApiOperation({ summary: 'Add a committee (admin)' })
  @ApiCreatedResponse({ type: CommitteeResponse })
  @ApiConflictResponse({ description: 'The key is taken' })
  @ApiErrors(CommitteeErrorCode.Exists)
  create(@CurrentUser() actor: AuthUser, @Body() body: CommitteeDto): Promise<CommitteeResponse> {
    return this.committees.create(actor, body);
  }

  @Patch(':key')
  @Allow('update', 'Committee')
  @ApiOperation({ summary: 'Rename a committee or change its quorum or review target (admin)' })
  @ApiOkResponse({ type: CommitteeResponse })
  @ApiNotFoundResponse({ description: 'No such committee' })
  @ApiErrors(CommitteeErrorCode.NotFound)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('key') key: string,
    @Body() body: UpdateCommitteeDto,
  ): Promise<CommitteeResponse> {
    return this.committees.update(actor, key, body);
  }
}
