import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../authorization/policy.decorators';
import { DomainError } from '../common/domain-error';
import { NotificationQuery } from '../notifications/dto/notification.dto';
import { NotificationErrorCode } from '../notifications/notification.errors';
import { NotificationsService } from '../notifications/notifications.service';
import { UserSettingsDto } from '../users/dto/user-input.dto';
import { UsersService } from '../users/users.service';
import { pageParam, pagination } from './case-lists';
import { FieldBuilder, FormValues, formValues, text } from './forms/fields';
import { fieldErrorsOf, FormErrors, validationErrors } from './forms/form-errors';
import { isLanguage, LANGUAGES } from './i18n';
import { AllowPage } from './navigation';
import { PageContexts, SignedInContext } from './page-context';
import { PageRenderer } from './page-renderer';
import { PageController } from './page-controller.decorator';

type FormBody = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INBOX_PAGE_SIZE = 25;

/** What is the signed-in person's own: their notifications and their settings. */
@PageController()
export class AccountPagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  @Get('notifications')
  @AllowPage('notifications')
  async inbox(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('page') page?: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const t = ctx.t;
    const pageNumber = pageParam(page);
    const result = await this.notifications.list(
      ctx.user,
      Object.assign(new NotificationQuery(), { page: pageNumber, pageSize: INBOX_PAGE_SIZE }),
    );
    const unread = result.items.filter((n) => n.readAt === null).length;
    this.renderer.send(ctx, 'notifications', t.inbox.title, {
      items: result.items.map((n) => ({
        unread: n.readAt === null,
        text: n.text,
        at: ctx.format.dateTime(n.createdAt),
        reference: n.caseReference,
        href: `/cases/${n.caseId}`,
        read: `/notifications/${n.id}/read`,
      })),
      anyUnread: unread > 0,
      pagination: pagination(ctx, result.total, pageNumber, INBOX_PAGE_SIZE),
    });
  }

  @Post('notifications/read-all')
  @Allow('update', 'Notification')
  async readAll(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.notifications.markAllRead(ctx.user);
    this.contexts.flash(reply, 'notificationsRead');
    this.renderer.redirect(ctx, '/notifications');
  }

  @Post('notifications/:notificationId/read')
  @Allow('update', 'Notification')
  async read(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('notificationId') id: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    // Someone else's notification, or none: 404, as the API answers.
    if (!UUID.test(id)) throw new DomainError(NotificationErrorCode.NotFound);
    await this.notifications.markRead(ctx.user, id);
    this.contexts.flash(reply, 'notificationRead');
    this.renderer.redirect(ctx, '/notifications');
  }

  @Get('settings')
  @AllowPage('settings')
  async settings(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const me = await this.users.get(ctx.user, ctx.user.id);
    this.showSettings(ctx, { language: me.language, emailNotifications: me.emailNotifications ? 'yes' : 'no' });
  }

  /** The same change as PATCH /api/auth/me, through the same service. */
  @Post('settings')
  @AllowPage('settings')
  async saveSettings(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const values = formValues(body);
    const email = text(values, 'emailNotifications');
    const dto = plainToInstance(UserSettingsDto, {
      language: text(values, 'language'),
      emailNotifications: email === 'yes' ? true : email === 'no' ? false : email,
    });
    const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (invalid.length) {
      this.showSettings(ctx, values, validationErrors(ctx.t, fieldErrorsOf(ctx.t, invalid)), 400);
      return;
    }
    await this.users.updateOwnSettings(ctx.user, dto);
    // The pages follow the new setting at once (the browser's remembered choice would win otherwise).
    if (isLanguage(dto.language)) this.contexts.rememberLanguage(reply, dto.language);
    this.contexts.flash(reply, 'settingsSaved');
    this.renderer.redirect(ctx, '/settings');
  }

  private showSettings(ctx: SignedInContext, values: FormValues, errors: FormErrors | null = null, status = 200): void {
    const t = ctx.t;
    const f = new FieldBuilder(values, errors?.fields ?? {});
    this.renderer.send(
      ctx,
      'settings',
      t.settings.title,
      {
        errors,
        language: f.choices(
          'language',
          t.settings.language,
          LANGUAGES.map((l) => ({ value: l, label: t.settings.languages[l] })),
          'radio',
          { required: true },
        ),
        emailNotifications: f.choices(
          'emailNotifications',
          t.settings.emailNotifications,
          [
            { value: 'yes', label: t.settings.emailOn },
            { value: 'no', label: t.settings.emailOff },
          ],
          'radio',
          { required: true },
        ),
      },
      status,
    );
  }
}
