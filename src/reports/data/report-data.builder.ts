import { CASE_TYPES, PARTNER_TYPES } from '../../domain/case.types';
import { foldCase, NamePattern, shortenRationale, withholdNames } from './anonymise';
import { interpolate, percentileRanks } from './percentile';
import type { NotableRow, PeriodFigures, RankedTurnaround } from './report-figures.repository';
import { TURNAROUND_PERCENTILES } from './report-figures.repository';
import {
  CommitteeFigures,
  CountryFigures,
  NotableCase,
  NotableOutcome,
  OTHER_COUNTRY,
  RegionFigures,
  ReportData,
  ReportTotals,
  SMALL_CELL_THRESHOLD,
} from './report-data';
import { suppressSmallCells } from './small-cells';

const DAY_MS = 86_400_000;

/** What the report needs to know about the reference data, in the report's language. */
export interface ReportReference {
  committees: { key: string; name: string; reviewTargetWorkingDays: number }[];
  /** Country code → its name in the report's language and its region. */
  countries: ReadonlyMap<string, { name: string; region: string }>;
  /**
   * Withheld from report text wherever they appear: every user's full name (also of people outside the
   * case), and every country's names (code → names), except those of the country a line shows.
   */
  withheld: { userNames: readonly string[]; countryNames: ReadonlyMap<string, readonly string[]> };
}

export function emptyTotals(): ReportTotals {
  return {
    submitted: 0,
    approved: 0,
    approvedWithConditions: 0,
    rejected: 0,
    withdrawn: 0,
    clearedWithoutReview: 0,
    escalated: 0,
    openAtEnd: 0,
  };
}

export function sumTotals(rows: readonly ReportTotals[]): ReportTotals {
  const sum = emptyTotals();
  for (const row of rows) for (const key of Object.keys(sum) as (keyof ReportTotals)[]) sum[key] += row[key];
  return sum;
}

/** Turns the figures of the period (and the totals of the one before) into the stored report data. */
export function buildReportData(input: {
  figures: PeriodFigures;
  previous: { from: string; to: string; totalsByType: readonly ReportTotals[] };
  reference: ReportReference;
}): ReportData {
  const { figures, reference } = input;
  const byType = CASE_TYPES.map((type) => ({
    ...emptyTotals(),
    ...figures.totalsByType.find((t) => t.type === type),
    type,
  }));
  const suppressed = suppressSmallCells(figures.countries, SMALL_CELL_THRESHOLD);
  const shownCountries = new Set(suppressed.shown.map((c) => c.country));
  // Users outside a case are withheld by full name; a one-word name ("Administrator") is too likely an ordinary word.
  const fullNames = reference.withheld.userNames.filter((name) => /\S\s+\S/.test(name.trim()));
  const sensitive = new NamePattern([...fullNames, ...[...reference.withheld.countryNames.values()].flat()]);
  return {
    totals: sumTotals(byType),
    byType: byType.map(({ type, ...totals }) => ({ type, ...totals })),
    byCommittee: committeeFigures(figures, reference),
    byRegion: regionFigures(figures, reference),
    conditions: {
      imposed: figures.conditions.imposed,
      met: figures.conditions.met,
      waived: figures.conditions.waived,
      open: figures.conditions.imposed - figures.conditions.met - figures.conditions.waived,
    },
    notable: figures.notable.map((row) => notableCase(row, reference, shownCountries, sensitive)),
    notableTotal: figures.notableTotal,
    previous: { from: input.previous.from, to: input.previous.to, totals: sumTotals(input.previous.totalsByType) },
  };
}

function committeeFigures(figures: PeriodFigures, reference: ReportReference): CommitteeFigures[] {
  const known = new Map(reference.committees.map((c) => [c.key, c]));
  // Every committee, also one without cases this period; and one since removed that still has figures.
  const keys = [...new Set([...known.keys(), ...figures.committees.map((c) => c.committee)])].sort();
  return keys.map((key) => {
    const counts = figures.committees.find((c) => c.committee === key);
    const reviewed = counts?.reviewed ?? 0;
    const ranked = figures.turnaround.filter((t) => t.committee === key);
    return {
      committee: key,
      name: known.get(key)?.name ?? key,
      targetWorkingDays: known.get(key)?.reviewTargetWorkingDays ?? 0,
      reviewed,
      decisions: {
        approve: counts?.approve ?? 0,
        approve_with_conditions: counts?.approveWithConditions ?? 0,
        reject: counts?.reject ?? 0,
        request_information: counts?.requestInformation ?? 0,
        escalate: counts?.escalate ?? 0,
      },
      turnaroundDays: {
        median: turnaroundDays(ranked, TURNAROUND_PERCENTILES[0]),
        p90: turnaroundDays(ranked, TURNAROUND_PERCENTILES[1]),
      },
      withinTargetShare: reviewed === 0 ? null : roundTo(counts!.withinTarget / reviewed, 4),
      overdueOpen: counts?.overdueOpen ?? 0,
    };
  });
}

/** The percentile (in days, one decimal) from the rows the database ranked. */
export function turnaroundDays(ranked: readonly RankedTurnaround[], tenths: number): number | null {
  if (ranked.length === 0) return null;
  const ranks = percentileRanks(ranked[0].n, tenths);
  const at = (rank: number) => {
    const row = ranked.find((r) => r.rank === rank);
    if (!row) throw new Error(`turnaround rank ${rank} of ${ranked[0].n} missing`);
    return row.ms;
  };
  return roundTo(interpolate(ranks, at(ranks.lower), at(ranks.upper)) / DAY_MS, 1);
}

function regionFigures(figures: PeriodFigures, reference: ReportReference): RegionFigures[] {
  const { shown } = suppressSmallCells(figures.countries, SMALL_CELL_THRESHOLD);
  const regions = figures.regionCases.map(({ region, cases }) => {
    const countries: CountryFigures[] = shown
      .filter((c) => c.region === region)
      .map((c) => ({ country: c.country, name: reference.countries.get(c.country)?.name ?? c.country, cases: c.cases }))
      .sort((a, b) => b.cases - a.cases || compare(a.country, b.country));
    const other = figures.otherCases.find((o) => o.region === region);
    if (other && other.cases > 0) countries.push({ country: OTHER_COUNTRY, name: null, cases: other.cases });
    return { region, cases, countries };
  });
  return regions.sort((a, b) => b.cases - a.cases || compare(a.region, b.region));
}

/** The country a case is about: where a mobility goes, else its first partner's. */
export function primaryCountry(row: Pick<NotableRow, 'type' | 'partners' | 'destinations'>): string | null {
  if (row.type === 'mobility' && row.destinations.length) return row.destinations[0].country;
  return row.partners[0]?.country ?? null;
}

/** The rationale that explains the outcome: of the stage that rejected, else escalated, else set conditions. */
export function chairRationale(stages: NotableRow['stages']): string | null {
  for (const decision of ['reject', 'escalate', 'approve_with_conditions']) {
    const stage = stages.find((s) => s.decision === decision && s.rationale);
    if (stage) return stage.rationale;
  }
  return null;
}

/**
 * One anonymised line. The rationale loses the names of the case's people (also in part) and
 * partners, of every other user, and of every country but the one the line shows: a chair's
 * "a partner in China" must not undo the suppression of a small cell.
 */
export function notableCase(
  row: NotableRow,
  reference: ReportReference,
  shownCountries: ReadonlySet<string>,
  sensitive: NamePattern,
): NotableCase {
  const code = primaryCountry(row);
  const country = code && shownCountries.has(code) ? code : null;
  const outcome: NotableOutcome = row.closed ? (row.status as NotableOutcome) : 'escalated';
  const rationale = chairRationale(row.stages);
  const partnerTypes = PARTNER_TYPES.filter((t) => row.partners.some((p) => p.type === t));
  const shownNames = new Set((country ? (reference.withheld.countryNames.get(country) ?? []) : []).map(foldCase));
  return {
    reference: row.reference,
    type: row.type,
    region: code ? (reference.countries.get(code)?.region ?? null) : null,
    country,
    countryName: country ? (reference.countries.get(country)?.name ?? country) : null,
    partnerTypes,
    technologyAreas: [...row.technologyAreas],
    outcome,
    escalated: row.escalated,
    rationale:
      rationale === null
        ? null
        : shortenRationale(
            sensitive.withhold(
              withholdNames(
                rationale,
                row.people,
                row.partners.map((p) => p.name),
              ),
              shownNames,
            ),
          ),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
