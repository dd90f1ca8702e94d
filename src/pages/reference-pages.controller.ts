import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../authorization/policy.decorators';
import { DomainError } from '../common/domain-error';
import { CountriesService } from '../countries/countries.service';
import { SECURITY_RISKS } from '../countries/country.types';
import { UpdateCountryDto } from '../countries/dto/country.dto';
import { ImportListForm, LIST_KINDS, SearchQuery, UPLOAD_FORMATS } from '../screening/screening.dto';
import { ScreeningListsService } from '../screening/screening-lists.service';
import { ScreeningSearch } from '../screening/screening-search.service';
import { FieldBuilder, FormValues, formValues, text } from './forms/fields';
import { fieldErrorsOf, FormErrors, formErrorsOf, validationErrors } from './forms/form-errors';
import { fill } from './i18n';
import { AllowPage } from './navigation';
import { PageContexts, SignedInContext } from './page-context';
import { PageData } from './page-data';
import { PageRenderer } from './page-renderer';
import { PageController } from './page-controller.decorator';

type FormBody = Record<string, unknown>;
const COUNTRY_CODE = /^[A-Za-z]{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reference data of the International Office: countries and screening lists. */
@PageController()
export class ReferencePagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
    private readonly data: PageData,
    private readonly countries: CountriesService,
    private readonly lists: ScreeningListsService,
    private readonly search: ScreeningSearch,
  ) {}

  @Get('countries')
  @AllowPage('countries')
  async countryList(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('q') q?: string): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const name = await this.data.countryNamer(ctx.user, ctx.language);
    const filter = (q ?? '').trim().toLowerCase();
    const t = ctx.t;
    const rows = (await this.countries.list(ctx.user))
      .map((c) => ({ ...c, label: name(c.code) }))
      .filter((c) => !filter || c.label.toLowerCase().includes(filter) || c.code.toLowerCase() === filter)
      .sort((a, b) => a.label.localeCompare(b.label, ctx.language))
      .map((c) => ({
        href: `/countries/${c.code}`,
        code: c.code,
        name: c.label,
        region: t.region[c.region],
        travelAdvice: String(c.travelAdvice),
        raised: c.travelAdvice >= 3,
        securityRisk: t.securityRisk[c.securityRisk],
        high: c.securityRisk === 'high' || c.securityRisk === 'very_high',
        sanctioned: c.sanctioned ? t.app.yes : t.app.no,
        armsEmbargo: c.armsEmbargo ? t.app.yes : t.app.no,
      }));
    this.renderer.send(ctx, 'countries', t.countries.title, { rows, q: q ?? '' });
  }

  @Get('countries/:countryCode')
  @AllowPage('countries')
  async country(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('countryCode') code: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.showCountry(ctx, code, null, null);
  }

  @Post('countries/:countryCode')
  @AllowPage('countries')
  async updateCountry(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('countryCode') code: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const values = formValues(body);
    const input = {
      travelAdvice: Number(text(values, 'travelAdvice')),
      securityRisk: text(values, 'securityRisk'),
      sanctioned: text(values, 'sanctioned') === 'yes',
      armsEmbargo: text(values, 'armsEmbargo') === 'yes',
      reason: text(values, 'reason'),
    };
    const dto = plainToInstance(UpdateCountryDto, input);
    const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (invalid.length) {
      await this.showCountry(ctx, code, values, validationErrors(ctx.t, fieldErrorsOf(ctx.t, invalid)), 400);
      return;
    }
    try {
      await this.countries.updateRisk(ctx.user, countryCode(code), dto);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404) throw error;
      await this.showCountry(ctx, code, values, formErrorsOf(ctx.t, error), error.status);
      return;
    }
    this.contexts.flash(reply, 'countryUpdated');
    void reply.redirect(`/countries/${countryCode(code)}`, 303);
  }

  @Get('screening')
  @AllowPage('screening')
  async screening(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('name') name?: string,
    @Query('country') country?: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    await this.showScreening(ctx, { name: name ?? '', country: country ?? '' }, null, null, 200);
  }

  @Get('screening/lists/:listId')
  @AllowPage('screening')
  async versions(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('listId') listId: string,
  ): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    if (!UUID.test(listId)) throw new DomainError('SCREENING_LIST_NOT_FOUND');
    const versions = await this.lists.versions(listId);
    const list = (await this.lists.lists()).find((l) => l.id === listId)!;
    const t = ctx.t;
    this.renderer.send(ctx, 'screening-list', fill(t.screening.versions, { name: list.name }), {
      versions: versions.map((v) => ({
        version: v.version,
        importedAt: ctx.format.dateTime(v.importedAt),
        source: v.source,
        checksum: v.checksum,
        entries: v.entries,
        added: v.added,
        removed: v.removed,
      })),
    });
  }

  /** A list upload (multipart: the CSRF token comes in the form's URL, see docs/pages.md). */
  @Post('screening/lists')
  @Allow('create', 'ScreeningList')
  async importList(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = this.contexts.signedIn(request, reply);
    const fields: FormValues = {};
    let file: { filename: string; content: Buffer } | null = null;
    if (request.isMultipart()) {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          if (part.filename) file = { filename: part.filename, content };
        } else if (part.fieldname !== '_csrf') fields[part.fieldname] = String(part.value);
      }
    }
    const input = {
      name: text(fields, 'name'),
      format: text(fields, 'format'),
      ...(text(fields, 'kind') ? { kind: text(fields, 'kind') } : {}),
    };
    const form = plainToInstance(ImportListForm, input);
    const invalid = fieldErrorsOf(ctx.t, await validate(form, { whitelist: true, forbidNonWhitelisted: true }));
    if (!file) invalid.file = ctx.t.validation.file;
    if (Object.keys(invalid).length) {
      await this.showScreening(ctx, { name: '', country: '' }, fields, validationErrors(ctx.t, invalid), 400);
      return;
    }
    let unchanged: boolean;
    try {
      unchanged = (
        await this.lists.import(
          ctx.user,
          { name: form.name, format: form.format, kind: form.kind, source: file!.filename },
          file!.content,
        )
      ).unchanged;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.showScreening(ctx, { name: '', country: '' }, fields, formErrorsOf(ctx.t, error), error.status);
      return;
    }
    this.contexts.flash(reply, unchanged ? 'listUnchanged' : 'listImported');
    void reply.redirect('/screening', 303);
  }

  private async showScreening(
    ctx: SignedInContext,
    query: { name: string; country: string },
    importValues: FormValues | null,
    importErrors: FormErrors | null,
    status: number,
  ): Promise<void> {
    const t = ctx.t;
    const countries = await this.data.countryChoices(ctx.user, ctx.language);
    const searchValues: FormValues = { name: query.name, country: query.country };
    let searchErrors: Record<string, string> = {};
    let results: object[] | null = null;
    if (query.name) {
      const dto = plainToInstance(SearchQuery, {
        name: query.name,
        ...(query.country ? { country: query.country } : {}),
      });
      searchErrors = fieldErrorsOf(t, await validate(dto));
      if (!Object.keys(searchErrors).length) {
        results = (await this.search.search(dto.name, dto.country)).map((h) => ({
          list: h.list,
          entity: h.entityName,
          matched: h.matchedName,
          country: h.country ?? '',
          score: ctx.format.score(h.score),
          high: h.score >= 0.7,
          reasons: h.reasons.join('; '),
        }));
      }
    }
    const s = new FieldBuilder(searchValues, searchErrors);
    const f = new FieldBuilder(importValues ?? {}, importErrors?.fields ?? {});
    const choices = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
      keys.map((k) => ({ value: k, label: labels[k] }));
    this.renderer.send(
      ctx,
      'screening',
      t.screening.title,
      {
        lists: (await this.lists.lists()).map((l) => ({
          href: `/screening/lists/${l.id}`,
          name: l.name,
          kind: t.screening.kinds[l.kind] ?? l.kind,
          entries: l.entries,
          version: l.current?.version ?? '',
          importedAt: l.current ? ctx.format.dateTime(l.current.importedAt) : '',
        })),
        search: {
          name: s.input('name', t.screening.searchName, { required: true }),
          country: s.select('country', t.screening.searchCountry, countries, { placeholder: t.proposal.choose }),
          results,
          resultsTitle: fill(t.screening.results, { name: query.name }),
        },
        canImport: ctx.ability.can('create', 'ScreeningList'),
        upload: {
          action: `/screening/lists?_csrf=${encodeURIComponent(ctx.csrf)}`,
          errors: importErrors,
          name: f.input('name', t.screening.importName, { required: true }),
          format: f.select('format', t.screening.importFormat, choices(UPLOAD_FORMATS, t.screening.formats), {
            required: true,
          }),
          kind: f.select('kind', t.screening.importKind, choices(LIST_KINDS, t.screening.kinds), {
            placeholder: t.screening.importKindDefault,
          }),
          file: f.input('file', t.screening.importFile, { type: 'file', required: true }),
        },
      },
      status,
    );
  }

  private async showCountry(
    ctx: SignedInContext,
    code: string,
    values: FormValues | null,
    errors: FormErrors | null,
    status = 200,
  ): Promise<void> {
    const country = await this.countries.get(ctx.user, countryCode(code));
    const history = await this.countries.history(ctx.user, country.code);
    const t = ctx.t;
    const name = (await this.data.countryNamer(ctx.user, ctx.language))(country.code);
    const current: FormValues = values ?? {
      travelAdvice: String(country.travelAdvice),
      securityRisk: country.securityRisk,
      sanctioned: country.sanctioned ? 'yes' : 'no',
      armsEmbargo: country.armsEmbargo ? 'yes' : 'no',
    };
    const f = new FieldBuilder(current, errors?.fields ?? {});
    const yesNo = [
      { value: 'no', label: t.app.no },
      { value: 'yes', label: t.app.yes },
    ];
    const describe = (change: Record<string, unknown>) =>
      Object.entries(change)
        .map(
          ([k, v]) =>
            `${t.countries[k as 'travelAdvice'] ?? k}: ${typeof v === 'boolean' ? (v ? t.app.yes : t.app.no) : k === 'securityRisk' ? t.securityRisk[v as 'low'] : String(v)}`,
        )
        .join(', ');
    this.renderer.send(
      ctx,
      'country',
      fill(t.countries.editTitle, { name }),
      {
        action: `/countries/${country.code}`,
        errors,
        region: t.region[country.region],
        travelAdvice: f.select(
          'travelAdvice',
          t.countries.travelAdvice,
          (['1', '2', '3', '4'] as const).map((v) => ({ value: v, label: t.travelAdvice[v] })),
          { required: true },
        ),
        securityRisk: f.select(
          'securityRisk',
          t.countries.securityRisk,
          SECURITY_RISKS.map((v) => ({ value: v, label: t.securityRisk[v] })),
          { required: true },
        ),
        sanctioned: f.choices('sanctioned', t.countries.sanctioned, yesNo, 'radio'),
        armsEmbargo: f.choices('armsEmbargo', t.countries.armsEmbargo, yesNo, 'radio'),
        reason: f.input('reason', t.countries.reason, { required: true }),
        history: history.map((h) => ({
          at: ctx.format.dateTime(h.at),
          who: h.actor.name,
          change: `${describe(h.before)} → ${describe(h.after)}`,
          reason: h.reason,
        })),
      },
      status,
    );
  }
}

function countryCode(code: string): string {
  if (!COUNTRY_CODE.test(code)) throw new DomainError('COUNTRY_NOT_FOUND');
  return code.toUpperCase();
}
