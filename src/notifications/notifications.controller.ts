import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../authorization/auth-user';
import { CurrentUser } from '../authorization/current-user.decorator';
import { Allow } from '../authorization/policy.decorators';
import { ApiErrors } from '../common/openapi';
import { Page } from '../common/pagination';
import {
  NotificationPageResponse,
  NotificationQuery,
  NotificationResponse,
  ReadAllResponse,
} from './dto/notification.dto';
import { NotificationErrorCode } from './notification.errors';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Allow('read', 'Notification')
  @ApiOperation({ summary: 'Your notifications, newest first' })
  @ApiOkResponse({ type: NotificationPageResponse })
  list(@CurrentUser() actor: AuthUser, @Query() query: NotificationQuery): Promise<Page<NotificationResponse>> {
    return this.notifications.list(actor, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @Allow('update', 'Notification')
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiOkResponse({ type: ReadAllResponse })
  readAll(@CurrentUser() actor: AuthUser): Promise<ReadAllResponse> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Allow('update', 'Notification')
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiNotFoundResponse({ description: 'No such notification of yours' })
  @ApiErrors(NotificationErrorCode.NotFound)
  read(@CurrentUser() actor: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationResponse> {
    return this.notifications.markRead(actor, id);
  }
}
