import { subject } from '@casl/ability';
import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Allow } from '../authorization/policy.decorators';
import { DomainError } from '../common/domain-error';
import { CreateReportDto, ReportQuery, ReportResponse } from '../reports/dto/report.dto';
import { REPORT_LANGUAGES } from '../reports/data/report-data';
import { ReportsService } from '../reports/reports.service';
import { pageParam, pagination } from './case-lists';
import { FieldBuilder, FormValues, formValues, text } from './forms/fields';
import { fieldErrorsOf, FormErrors, formErrorsOf, validationErrors } from './forms/form-errors';
import { fill } from './i18n';
import { AllowPage } from './navigation';
import { PageContexts, SignedInContext } from './page-context';
import { PageRenderer } from './page-renderer';
import { pageSecurityPolicy } from './security-policy';
import { PageController } from './page-controller.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOTALS = [
  'submitted',
  'approved',
  'approvedWithConditions',
  'rejected',
  'withdrawn',
  'clearedWithoutReview',
  'escalated',
  'openAtEnd',
] as const;

/** Council reports: the International Office generates, reads and publishes; leadership and the council read. */
@PageController('reports')
export class ReportPagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
    private readonly reports: ReportsService,
  ) {}

  @Get()
  @AllowPage('reports')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('page') page?: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.showList(ctx, page, null, null, 200);
  }

  @Post()
  @Allow('create', 'Report')
  async generate(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const values = formValues(body);
    const dto = plainToInstance(CreateReportDto, {
      from: text(values, 'from'),
      to: text(values, 'to'),
      language: text(values, 'language'),
    });
    const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (invalid.length) {
      await this.showList(ctx, undefined, values, validationErrors(ctx.t, fieldErrorsOf(ctx.t, invalid)), 400);
      return;
    }
    let report: ReportResponse;
    try {
      report = await this.reports.generate(ctx.user, dto);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.showList(ctx, undefined, values, formErrorsOf(ctx.t, error), error.status);
      return;
    }
    this.contexts.flash(reply, 'reportGenerated');
    void reply.redirect(`/reports/${report.id}`, 303);
  }

  @Get(':reportId')
  @AllowPage('reports')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('reportId') id: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const report = await this.reports.get(ctx.user, reportId(id));
    this.showReport(ctx, report, null, 200);
  }

  /**
   * The stored report itself (the print-ready page the API renders), with a policy that admits
   * exactly its own style sheet (by hash) and nothing inline besides.
   */
  @Get(':reportId/document')
  @AllowPage('reports')
  async document(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('reportId') id: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const html = await this.reports.render(ctx.user, reportId(id), 'html');
    const hashes = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`,
    );
    void reply
      .header('content-security-policy', pageSecurityPolicy({ styleSrc: hashes }))
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html);
  }

  @Post(':reportId/publish')
  @Allow('publish', 'Report')
  async publish(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('reportId') id: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    try {
      await this.reports.publish(ctx.user, reportId(id));
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404) throw error;
      this.showReport(ctx, await this.reports.get(ctx.user, id), formErrorsOf(ctx.t, error), error.status);
      return;
    }
    this.contexts.flash(reply, 'reportPublished');
    void reply.redirect(`/reports/${id}`, 303);
  }

  private async showList(
    ctx: SignedInContext,
    page: string | undefined,
    values: FormValues | null,
    errors: FormErrors | null,
    status: number,
  ): Promise<void> {
    const t = ctx.t;
    const pageNumber = pageParam(page);
    const result = await this.reports.list(
      ctx.user,
      Object.assign(new ReportQuery(), { page: pageNumber, pageSize: 25 }),
    );
    const canGenerate = ctx.ability.can('create', 'Report');
    const f = new FieldBuilder(values ?? { language: ctx.language }, errors?.fields ?? {});
    this.renderer.send(
      ctx,
      'reports',
      t.reports.title,
      {
        intro: ctx.ability.can('read', subject('Report', { published: false }))
          ? t.reports.intro
          : t.reports.councilIntro,
        reports: result.items.map((r) => ({
          href: `/reports/${r.id}`,
          title: fill(t.reports.reportTitle, {
            from: ctx.format.calendarDate(r.from),
            to: ctx.format.calendarDate(r.to),
          }),
          language: t.reports.languages[r.language],
          created: ctx.format.dateTime(r.createdAt),
          published: r.published ? `${t.reports.published} ${ctx.format.date(r.publishedAt)}` : t.reports.notPublished,
        })),
        pagination: pagination(ctx, result.total, pageNumber, 25),
        generate: canGenerate
          ? {
              errors,
              from: f.input('from', t.reports.from, { type: 'date', required: true }),
              to: f.input('to', t.reports.to, { type: 'date', required: true }),
              language: f.select(
                'language',
                t.reports.language,
                REPORT_LANGUAGES.map((l) => ({ value: l, label: t.reports.languages[l] })),
                { required: true },
              ),
            }
          : null,
      },
      status,
    );
  }

  private showReport(ctx: SignedInContext, report: ReportResponse, errors: FormErrors | null, status: number): void {
    const t = ctx.t;
    const { data } = report;
    this.renderer.send(
      ctx,
      'report',
      fill(t.reports.reportTitle, {
        from: ctx.format.calendarDate(report.from),
        to: ctx.format.calendarDate(report.to),
      }),
      {
        id: report.id,
        language: t.reports.languages[report.language],
        reportLang: report.language,
        created: ctx.format.dateTime(report.createdAt),
        published: report.published
          ? `${t.reports.published} ${ctx.format.date(report.publishedAt)}`
          : t.reports.notPublished,
        sha256: report.sha256,
        document: `/reports/${report.id}/document`,
        markdown: `/api/reports/${report.id}/markdown`,
        previousPeriod: `${ctx.format.calendarDate(data.previous.from)} – ${ctx.format.calendarDate(data.previous.to)}`,
        totals: TOTALS.map((key) => ({
          label: t.reports.figure[key],
          value: data.totals[key],
          previous: data.previous.totals[key],
        })),
        publish:
          !report.published && ctx.ability.can('publish', 'Report')
            ? { action: `/reports/${report.id}/publish`, errors }
            : null,
      },
      status,
    );
  }
}

function reportId(id: string): string {
  if (!UUID.test(id)) throw new DomainError('REPORT_NOT_FOUND');
  return id;
}
