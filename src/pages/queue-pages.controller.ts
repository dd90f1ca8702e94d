import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CaseReadingService } from '../cases/case-reading.service';
import { CaseResponse } from '../cases/case-response.mapper';
import { CaseLists } from './case-lists';
import { fill } from './i18n';
import { AllowPage } from './navigation';
import { PageContexts, SignedInContext } from './page-context';
import { PageData } from './page-data';
import { PageRenderer } from './page-renderer';
import { isOverdue } from './views/case-view';
import { PageController } from './page-controller.decorator';

/** How many open cases of one committee the review queue looks at. */
const QUEUE_SIZE = 50;

/** The work lists: the review queue, triage, conditions to follow up, escalated cases. */
@PageController()
export class QueuePagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
    private readonly lists: CaseLists,
    private readonly reading: CaseReadingService,
    private readonly data: PageData,
  ) {}

  /** Assigned to me, waiting for my decision, overdue: over the open cases of my committees. */
  @Get('review')
  @AllowPage('review')
  async review(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const me = ctx.user.id;
    const chairOf = new Set(ctx.user.committees.filter((m) => m.chair).map((m) => m.committee));
    const seen = new Map<string, CaseResponse>();
    for (const { committee } of ctx.user.committees) {
      for (const status of ['in_review', 'information_requested'] as const) {
        const { items } = await this.lists.page(ctx, { committee, status }, '1', QUEUE_SIZE);
        for (const kase of items) seen.set(kase.id, kase);
      }
    }
    const cases = [...seen.values()];
    const myStages = (kase: CaseResponse) =>
      kase.stages.filter((s) => s.status === 'open' && ctx.user.committees.some((m) => m.committee === s.committee));
    const assigned = cases.filter((k) =>
      myStages(k).some((s) => s.reviewers?.some((r) => r.id === me) && !s.opinions?.some((o) => o.reviewer.id === me)),
    );
    const deciding = cases.filter((k) => myStages(k).some((s) => chairOf.has(s.committee)));
    const overdue = ctx.ability.can('read_overdue', 'Case')
      ? await this.reading.overdue(ctx.user)
      : assigned.flatMap((k) =>
          myStages(k)
            .filter((s) => isOverdue(s, ctx.now))
            .map((s) => ({
              caseId: k.id,
              reference: k.reference,
              title: k.title,
              committee: s.committee,
              dueAt: s.dueAt!,
              daysOverdue: Math.floor((ctx.now.getTime() - new Date(s.dueAt!).getTime()) / 86_400_000),
            })),
        );
    const committees = new Map((await this.data.committees(ctx.language)).map((c) => [c.key, c.name]));
    this.renderer.send(ctx, 'review', ctx.t.review.title, {
      assigned: await this.lists.rows(ctx, assigned),
      deciding: await this.lists.rows(ctx, deciding),
      all: await this.lists.rows(ctx, cases),
      isChair: chairOf.size > 0,
      overdue: overdue.map((o) => ({
        href: `/cases/${o.caseId}`,
        reference: o.reference,
        title: o.title,
        committee: committees.get(o.committee) ?? o.committee,
        due: ctx.format.date(o.dueAt),
        days: o.daysOverdue,
      })),
    });
  }

  @Get('triage')
  @AllowPage('triage')
  async triage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('page') page?: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const { items, pagination } = await this.lists.page(ctx, { status: 'triage' }, page);
    const committees = new Map((await this.data.committees(ctx.language)).map((c) => [c.key, c.name]));
    const rows = await this.lists.rows(ctx, items);
    this.renderer.send(ctx, 'triage', ctx.t.triageQueue.title, {
      cases: items.map((k, i) => ({
        ...rows[i],
        submitted: ctx.format.date(k.submittedAt),
        applicant: k.applicant.name,
        route: k.route.map((r) => ({
          committee: committees.get(r.committee) ?? r.committee,
          reasons: r.reasons.map((reason) => ({
            rule: ctx.t.rule[reason.rule] ?? ctx.t.rule.other,
            message: reason.message,
          })),
        })),
      })),
      pagination,
    });
  }

  @Get('conditions')
  @AllowPage('conditions')
  async conditions(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('page') page?: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.statusList(ctx, 'conditions', ctx.t.conditionsPage.title, 'approved_with_conditions', page);
  }

  @Get('escalated')
  @AllowPage('escalated')
  async escalated(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('page') page?: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.statusList(ctx, 'escalated', ctx.t.escalatedPage.title, 'escalated', page);
  }

  private async statusList(
    ctx: SignedInContext,
    template: string,
    title: string,
    status: 'approved_with_conditions' | 'escalated',
    page: string | undefined,
  ): Promise<void> {
    const { items, pagination } = await this.lists.page(ctx, { status }, page);
    const rows = await this.lists.rows(ctx, items);
    this.renderer.send(ctx, template, title, {
      cases: items.map((k, i) => ({
        ...rows[i],
        open: fill(ctx.t.conditionsPage.open, {
          count: k.outcome?.conditions.filter((c) => c.status === 'open').length ?? 0,
        }),
      })),
      pagination,
    });
  }
}
