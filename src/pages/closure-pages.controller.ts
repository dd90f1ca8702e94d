import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CalendarErrorCode } from '../calendar/calendar.errors';
import { ClosuresService } from '../calendar/closures.service';
import { ClosureDateParam, ClosureInput, ClosureYearQuery } from '../calendar/dto/closure.dto';
import { DomainError } from '../common/domain-error';
import { FieldBuilder, FormValues, formValues, text } from './forms/fields';
import { fieldErrorsOf, FormErrors, validationErrors } from './forms/form-errors';
import { fill } from './i18n';
import { AllowPage } from './navigation';
import { PageContexts, SignedInContext } from './page-context';
import { PageRenderer } from './page-renderer';
import { PageController } from './page-controller.decorator';

type FormBody = Record<string, unknown>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The university's closure days (International Office), through the same service as /api/calendar/closures. */
@PageController('closures')
export class ClosurePagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
    private readonly closures: ClosuresService,
  ) {}

  @Get()
  @AllowPage('closures')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('year') year?: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.show(ctx, await this.yearOf(ctx, year), {}, null);
  }

  @Post()
  @AllowPage('closures')
  async add(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: FormBody): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const values = formValues(body);
    const date = text(values, 'date');
    const param = plainToInstance(ClosureDateParam, { date });
    const input = plainToInstance(ClosureInput, { reason: text(values, 'reason') });
    const invalid = [...(await validate(param)), ...(await validate(input, { whitelist: true }))];
    if (invalid.length) {
      const year = DATE.test(date) ? Number(date.slice(0, 4)) : await this.yearOf(ctx, undefined);
      await this.show(ctx, year, values, validationErrors(ctx.t, fieldErrorsOf(ctx.t, invalid)), 400);
      return;
    }
    await this.closures.put(ctx.user, param.date, input.reason);
    this.contexts.flash(reply, 'closureSaved');
    this.renderer.redirect(ctx, `/closures?year=${param.date.slice(0, 4)}`);
  }

  @Post(':date/remove')
  @AllowPage('closures')
  async remove(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('date') date: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    if ((await validate(plainToInstance(ClosureDateParam, { date }))).length)
      throw new DomainError(CalendarErrorCode.ClosureNotFound);
    await this.closures.remove(ctx.user, date);
    this.contexts.flash(reply, 'closureRemoved');
    this.renderer.redirect(ctx, `/closures?year=${date.slice(0, 4)}`);
  }

  /** The year asked for (validated as the API validates it), else this year in the service's time zone. */
  private async yearOf(ctx: SignedInContext, year: string | undefined): Promise<number> {
    const query = plainToInstance(ClosureYearQuery, year === undefined ? {} : { year });
    if (year !== undefined && !(await validate(query)).length && query.year) return query.year;
    return Number(ctx.format.date(ctx.now).slice(-4));
  }

  private async show(
    ctx: SignedInContext,
    year: number,
    values: FormValues,
    errors: FormErrors | null,
    status = 200,
  ): Promise<void> {
    const t = ctx.t;
    const days = await this.closures.list(year);
    const f = new FieldBuilder(values, errors?.fields ?? {});
    this.renderer.send(
      ctx,
      'closures',
      fill(t.closures.title, { year }),
      {
        days: days.map((d) => ({
          date: ctx.format.calendarDate(d.date),
          reason: d.reason,
          remove: `/closures/${d.date}/remove`,
          removeLabel: fill(t.closures.removeLabel, { date: ctx.format.calendarDate(d.date) }),
        })),
        none: fill(t.closures.none, { year }),
        previous: { href: `/closures?year=${year - 1}`, label: fill(t.closures.previousYear, { year: year - 1 }) },
        next: { href: `/closures?year=${year + 1}`, label: fill(t.closures.nextYear, { year: year + 1 }) },
        errors,
        date: f.input('date', t.closures.date, { type: 'date', required: true, hint: t.closures.addHint }),
        reason: f.input('reason', t.closures.reason, { required: true }),
      },
      status,
    );
  }
}
