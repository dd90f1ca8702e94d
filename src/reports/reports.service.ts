import { subject } from '@casl/ability';
import { Inject, Injectable } from '@nestjs/common';
import { AbilityFactory } from '../authorization/ability.factory';
import { AuthUser } from '../authorization/auth-user';
import { Clock } from '../common/clock';
import { CommitteesRepository } from '../committees/committees.repository';
import { CommonErrorCode } from '../common/common.errors';
import { DomainError } from '../common/domain-error';
import { ReportErrorCode } from './report.errors';
import { Page, pageOf } from '../common/pagination';
import { CountriesRepository } from '../countries/countries.repository';
import { TransactionRunner } from '../database/transaction-runner';
import { UsersRepository } from '../users/users.repository';
import { canonicalJson, sha256Hex } from '../common/canonical-json';
import { CreateReportDto, ReportQuery, ReportResponse } from './dto/report.dto';
import { buildReportData, ReportReference } from './data/report-data.builder';
import { ReportData, ReportLanguage } from './data/report-data';
import { Report } from './report.entity';
import { countryNameVariants } from './data/country-name-variants';
import { toReportResponse } from './report-response.mapper';
import { ReportFiguresRepository } from './data/report-figures.repository';
import { assertReportablePeriod, periodBounds, previousPeriod } from './data/report-period';
import { ReportFormat, ReportRenderer } from './render/report-renderer';
import { ReportsRepository } from './reports.repository';

export const COUNTRY_NAMES = Symbol('COUNTRY_NAMES');

/** Country names in a report language; English comes from the reference data. */
export type CountryNames = (language: ReportLanguage, code: string, englishName: string) => string;

/**
 * Dutch names from the ICU data Node ships with. Used only while generating: the names are stored in
 * the snapshot, so a render never depends on the machine's locale data.
 */
export function intlCountryNames(): CountryNames {
  const nl = new Intl.DisplayNames(['nl'], { type: 'region', fallback: 'none' });
  return (language, code, englishName) => {
    if (language === 'en') return englishName;
    try {
      return nl.of(code) ?? englishName;
    } catch {
      return englishName;
    }
  };
}

/** The hash a report carries: over what it says, not over who made it when. */
export function reportHash(report: { from: string; to: string; language: ReportLanguage; data: ReportData }): string {
  return sha256Hex(canonicalJson({ from: report.from, to: report.to, language: report.language, data: report.data }));
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly clock: Clock,
    private readonly figures: ReportFiguresRepository,
    private readonly renderer: ReportRenderer,
    private readonly transactions: TransactionRunner,
    private readonly abilities: AbilityFactory,
    private readonly committees: CommitteesRepository,
    private readonly countries: CountriesRepository,
    private readonly users: UsersRepository,
    @Inject(COUNTRY_NAMES) private readonly countryNames: CountryNames,
  ) {}

  async generate(actor: AuthUser, input: CreateReportDto): Promise<ReportResponse> {
    assertReportablePeriod(input.from, input.to);
    const { from, to, language } = input;
    const previous = previousPeriod(from, to);
    // Reference data first: a transaction holds the one pooled connection it runs on.
    const reference = await this.reference(language);
    const report = await this.transactions.run(async (manager) => {
      // One consistent view of the data for every figure (PostgreSQL; SQLite transactions are serializable).
      if (manager.connection.options.type === 'postgres')
        await manager.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const { figures, previousTotals } = await this.figures.collect(
        manager,
        periodBounds(from, to),
        periodBounds(previous.from, previous.to),
      );
      const data = buildReportData({ figures, previous: { ...previous, totalsByType: previousTotals }, reference });
      const created = Object.assign(new Report(), {
        from,
        to,
        language,
        createdAt: this.clock.now(),
        createdById: actor.id,
        sha256: reportHash({ from, to, language, data }),
        published: false,
        publishedAt: null,
        publishedById: null,
        data,
      });
      await this.reports.insert(manager, created);
      return created;
    });
    return toReportResponse(report);
  }

  async list(actor: AuthUser, query: ReportQuery): Promise<Page<ReportResponse>> {
    // The same rule as for one report, in SQL: who may not read an unpublished report lists published ones only.
    const publishedOnly = !this.abilities.createFor(actor).can('read', subject('Report', { published: false }));
    const [items, total] = await this.reports.list(publishedOnly, query.skip, query.pageSize);
    return pageOf(items.map(toReportResponse), total, query);
  }

  async get(actor: AuthUser, id: string): Promise<ReportResponse> {
    return toReportResponse(await this.findReadable(actor, id));
  }

  async render(actor: AuthUser, id: string, format: ReportFormat): Promise<string> {
    return this.renderer.render(await this.findReadable(actor, id), format);
  }

  async publish(actor: AuthUser, id: string): Promise<ReportResponse> {
    const report = await this.findReadable(actor, id);
    if (!this.abilities.createFor(actor).can('publish', subject('Report', { published: report.published }))) {
      throw new DomainError(CommonErrorCode.Forbidden, 'You may not publish this report');
    }
    const published = await this.transactions.run((manager) =>
      this.reports.publish(manager, id, actor.id, this.clock.now()),
    );
    if (!published) throw new DomainError(ReportErrorCode.AlreadyPublished);
    return this.get(actor, id);
  }

  /** A report the actor may read; 404 otherwise, so the council does not learn of unpublished ones. */
  private async findReadable(actor: AuthUser, id: string): Promise<Report> {
    const report = await this.reports.findById(id);
    if (!report || !this.abilities.createFor(actor).can('read', subject('Report', { published: report.published })))
      throw new DomainError(ReportErrorCode.NotFound);
    return report;
  }

  private async reference(language: ReportLanguage): Promise<ReportReference> {
    const [committees, countries, userNames] = await Promise.all([
      this.committees.all(),
      this.countries.all(),
      this.users.allNames(),
    ]);
    return {
      committees: committees.map((c) => ({
        key: c.key,
        name: language === 'nl' ? c.nameNl : c.nameEn,
        reviewTargetWorkingDays: c.reviewTargetWorkingDays,
      })),
      countries: new Map(
        countries.map((c) => [c.code, { name: this.countryNames(language, c.code, c.name), region: c.region }]),
      ),
      withheld: {
        userNames,
        countryNames: new Map(countries.map((c) => [c.code, countryNameVariants(c.code, c.name)])),
      },
    };
  }
}
