import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MailDeliveryQuery } from '../mail/dto/mail-delivery.dto';
import { MAIL_STATUSES, MailStatus } from '../mail/mail-delivery.entity';
import { MailDeliveriesService } from '../mail/mail-deliveries.service';
import { pageParam, pagination } from './case-lists';
import { AllowPage } from './navigation';
import { PageContexts } from './page-context';
import { PageRenderer } from './page-renderer';
import { PageController } from './page-controller.decorator';

const MAIL_PAGE_SIZE = 50;

/** Mail deliveries for the administrators (failed ones first of all), as GET /api/admin/mail lists them. */
@PageController('mail')
export class MailPagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
    private readonly deliveries: MailDeliveriesService,
  ) {}

  @Get()
  @AllowPage('mail')
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('status') status?: string,
    @Query('page') page?: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const t = ctx.t;
    const shown: MailStatus = MAIL_STATUSES.includes(status as MailStatus) ? (status as MailStatus) : 'failed';
    const pageNumber = pageParam(page);
    const result = await this.deliveries.list(
      ctx.user,
      Object.assign(new MailDeliveryQuery(), { status: shown, page: pageNumber, pageSize: MAIL_PAGE_SIZE }),
    );
    this.renderer.send(ctx, 'mail', t.mail.title, {
      filters: MAIL_STATUSES.map((s) => ({
        href: `/mail?status=${s}`,
        label: t.mail.statuses[s],
        current: s === shown,
      })),
      mails: result.items.map((m) => ({
        to: m.to,
        subject: m.subject,
        attempts: m.attempts,
        lastError: m.lastError ?? '',
        created: ctx.format.dateTime(m.createdAt),
      })),
      pagination: pagination(ctx, result.total, pageNumber, MAIL_PAGE_SIZE),
    });
  }
}
