import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CaseType, Destination, Partner } from '../../domain/case.types';
import { percentileRankSql } from './percentile';
import { NOTABLE_LIMIT, ReportTotals, SMALL_CELL_THRESHOLD } from './report-data';
import { CountryCount, suppressSmallCells } from './small-cells';

/** The turnaround percentiles reported, in tenths (median, 90th percentile). */
export const TURNAROUND_PERCENTILES = [5, 9] as const;

export interface CommitteeCounts {
  committee: string;
  reviewed: number;
  approve: number;
  approveWithConditions: number;
  reject: number;
  escalate: number;
  requestInformation: number;
  withinTarget: number;
  overdueOpen: number;
}

/** A turnaround (ms, waits excluded) at a given rank among a committee's `n` decided stages. */
export interface RankedTurnaround {
  committee: string;
  rank: number;
  n: number;
  ms: number;
}

export interface NotableRow {
  id: string;
  reference: string;
  type: CaseType;
  status: string;
  /** Closed (decided) before the end of the period. */
  closed: boolean;
  escalated: boolean;
  partners: Partner[];
  destinations: Destination[];
  technologyAreas: string[];
  /** Final stage decisions before the end of the period, in decision order. */
  stages: { committee: string; decision: string; rationale: string | null }[];
  /** Names that must not appear in the report: applicant, reviewers, deciders. */
  people: string[];
}

export interface PeriodFigures {
  totalsByType: (ReportTotals & { type: CaseType })[];
  committees: CommitteeCounts[];
  turnaround: RankedTurnaround[];
  countries: CountryCount[];
  regionCases: { region: string; cases: number }[];
  /** Distinct cases per region over the countries merged into "other". */
  otherCases: { region: string; cases: number }[];
  conditions: { imposed: number; met: number; waived: number };
  notable: NotableRow[];
  notableTotal: number;
}

export type Period = {
  /** 'YYYY-MM-DD HH:MM:SS.SSS', inclusive. */
  start: string;
  /** Exclusive. */
  end: string;
};

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const CASES = 'report_period_cases';
const STAGES = 'report_period_stages';
const COUNTRIES = 'report_period_countries';

/** Whether case `pc` counts in the period [:start, :end): submitted in it, or closed in it. */
const IN_PERIOD = `((pc.submitted_at >= :start AND pc.submitted_at < :end) OR (pc.closed_at >= :start AND pc.closed_at < :end))`;
const CLOSED_AS = (status: string) => `pc.closed_at < :end AND pc.status = '${status}'`;
const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/**
 * Council report figures, aggregated in SQL, never loading the cases themselves (only the few
 * notable ones, for their one-line summary).
 *
 * The cases of both periods (the report's and the one before) are read from `cases` once, into a
 * temporary table with what every figure needs of them: when each was submitted and closed (decided,
 * or withdrawn: a withdrawal sets no decidedAt, so its time is the audit event's), and escalated. The
 * stages and countries of the report period's cases follow into two more; the figures then
 * aggregate these small tables instead of scanning the big ones again and again. Every figure is over
 * the cases submitted or closed in the period, as they stood at its end.
 *
 * The SQL is the subset SQLite and PostgreSQL share; the one difference (time arithmetic and a type
 * name) follows the connection's type. A join from the period's cases into a big table is written
 * `pc CROSS JOIN t WHERE ...`: SQLite then keeps that order (the small table outside, the big one
 * searched by its caseId index), PostgreSQL plans it as any join. Run inside a transaction: the
 * temporary tables live on its connection, and its rollback removes them should a query fail.
 */
@Injectable()
export class ReportFiguresRepository {
  async collect(
    manager: EntityManager,
    period: Period,
    previous: Period,
  ): Promise<{ figures: PeriodFigures; previousTotals: (ReportTotals & { type: CaseType })[] }> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Report figures are read inside a transaction');
    if (previous.end > period.start) throw new Error('The previous period must end where the period starts');
    await this.selectCases(manager, { start: previous.start, end: period.end });
    await query(manager, `CREATE TEMPORARY TABLE ${STAGES} AS ${periodStages(manager)}`, period);
    await query(manager, `CREATE TEMPORARY TABLE ${COUNTRIES} AS ${PERIOD_COUNTRIES}`, period);

    const totalsByType = await this.totals(manager, period);
    const previousTotals = await this.totals(manager, previous);
    const committees = await this.committees(manager, period);
    const turnaround = await this.turnaround(manager);
    const { countries, regionCases, otherCases } = await this.places(manager);
    const [conditions] = await query(
      manager,
      `SELECT COUNT(*) AS imposed,
         ${count(`k.status = 'met' AND k."resolvedAt" < :end`)} AS met,
         ${count(`k.status = 'waived' AND k."resolvedAt" < :end`)} AS waived
       FROM ${CASES} pc CROSS JOIN case_conditions k
       WHERE k."caseId" = pc.id AND ${IN_PERIOD} AND pc.closed_at < :end`,
      period,
    );
    const { notable, notableTotal } = await this.notable(manager, period);

    for (const table of [COUNTRIES, STAGES, CASES]) await manager.query(`DROP TABLE ${table}`);
    return {
      figures: {
        totalsByType,
        committees,
        turnaround,
        countries,
        regionCases,
        otherCases,
        conditions: { imposed: num(conditions.imposed), met: num(conditions.met), waived: num(conditions.waived) },
        notable,
        notableTotal,
      },
      previousTotals,
    };
  }

  /**
   * The cases submitted or closed in [start, end). `reviewed`: an approved case that went through a
   * committee (the others were cleared at triage). `n` numbers them, so that counting distinct cases
   * compares integers, not UUIDs. `escalated_at` is filled in afterwards, for the few cases with a
   * stage decided `escalate` (an escalation needs one), from their audit events.
   */
  private async selectCases(manager: EntityManager, span: Period): Promise<void> {
    const postgres = manager.connection.options.type === 'postgres';
    await query(
      manager,
      `CREATE TEMPORARY TABLE ${CASES} AS
       WITH closing AS (
         SELECT c.id, c.reference, c.type, c.status, c."submittedAt" AS submitted_at,
           CASE WHEN c.status = 'withdrawn'
             THEN (SELECT MIN(w."at") FROM case_events w WHERE w."caseId" = c.id AND w.action = 'withdrawn')
             ELSE c."decidedAt" END AS closed_at,
           CASE WHEN c.status = 'approved' AND EXISTS (SELECT 1 FROM case_stages x WHERE x."caseId" = c.id) THEN 1 ELSE 0 END AS reviewed
         FROM cases c
         WHERE c."submittedAt" < :end
       )
       SELECT id, ROW_NUMBER() OVER () AS n, reference, type, status, submitted_at, closed_at, reviewed,
         CAST(NULL AS ${postgres ? 'timestamp' : 'text'}) AS escalated_at
       FROM closing
       WHERE submitted_at >= :start OR (closed_at >= :start AND closed_at < :end)`,
      span,
    );
    await manager.query(`CREATE INDEX ${CASES}_id ON ${CASES} (id)`);
    await manager.query(
      `UPDATE ${CASES} SET escalated_at = (SELECT MIN(e."at") FROM case_events e WHERE e."caseId" = ${CASES}.id AND e."toStatus" = 'escalated')
       WHERE id IN (SELECT s."caseId" FROM case_stages s WHERE s.decision = 'escalate')`,
    );
  }

  private async totals(manager: EntityManager, p: Period): Promise<(ReportTotals & { type: CaseType })[]> {
    const rows = await query(
      manager,
      `SELECT pc.type AS type,
         ${count('pc.submitted_at >= :start')} AS submitted,
         ${count(`${CLOSED_AS('approved')} AND pc.reviewed = 1`)} AS approved,
         ${count(`${CLOSED_AS('approved')} AND pc.reviewed = 0`)} AS cleared,
         ${count(CLOSED_AS('approved_with_conditions'))} AS approved_with_conditions,
         ${count(CLOSED_AS('rejected'))} AS rejected,
         ${count(CLOSED_AS('withdrawn'))} AS withdrawn,
         ${count('pc.escalated_at < :end')} AS escalated,
         ${count('pc.closed_at IS NULL OR pc.closed_at >= :end')} AS open_at_end
       FROM ${CASES} pc WHERE ${IN_PERIOD} GROUP BY pc.type`,
      p,
    );
    return rows.map((r) => ({
      type: r.type as CaseType,
      submitted: num(r.submitted),
      approved: num(r.approved),
      approvedWithConditions: num(r.approved_with_conditions),
      rejected: num(r.rejected),
      withdrawn: num(r.withdrawn),
      clearedWithoutReview: num(r.cleared),
      escalated: num(r.escalated),
      openAtEnd: num(r.open_at_end),
    }));
  }

  /** Per committee: final decisions by kind before the end, within target, overdue at the end, questions to the applicant. */
  private async committees(manager: EntityManager, p: Period): Promise<CommitteeCounts[]> {
    const rows: Row[] = await manager.query(
      `SELECT ps.committee,
         ${count('ps.decision IS NOT NULL')} AS reviewed,
         ${count(`ps.decision = 'approve'`)} AS approve,
         ${count(`ps.decision = 'approve_with_conditions'`)} AS approve_with_conditions,
         ${count(`ps.decision = 'reject'`)} AS reject,
         ${count(`ps.decision = 'escalate'`)} AS escalate,
         SUM(ps.within_target) AS within_target,
         SUM(ps.overdue_open) AS overdue_open
       FROM ${STAGES} ps GROUP BY ps.committee`,
    );
    // A question to the applicant is not a stage decision (the stage stays open): its record is the audit event.
    const questions = await query(
      manager,
      `SELECT e."actingForCommittee" AS committee, COUNT(*) AS n
       FROM case_events e JOIN ${CASES} pc ON pc.id = e."caseId"
       WHERE e.action = 'information_requested' AND e."actingForCommittee" IS NOT NULL AND e."at" < :end AND ${IN_PERIOD}
       GROUP BY e."actingForCommittee"`,
      p,
    );
    const asked = new Map(questions.map((r) => [String(r.committee), num(r.n)]));
    const keys = [...new Set([...(rows).map((r) => String(r.committee)), ...asked.keys()])].sort();
    return keys.map((committee) => {
      const r = (rows).find((row) => row.committee === committee) ?? {};
      return {
        committee,
        reviewed: num(r.reviewed),
        approve: num(r.approve),
        approveWithConditions: num(r.approve_with_conditions),
        reject: num(r.reject),
        escalate: num(r.escalate),
        requestInformation: asked.get(committee) ?? 0,
        withinTarget: num(r.within_target),
        overdueOpen: num(r.overdue_open),
      };
    });
  }

  /**
   * Only the rows at the ranks the percentiles interpolate between: window functions rank each
   * committee's turnarounds in the database, so at most four rows per committee come back.
   */
  private async turnaround(manager: EntityManager): Promise<RankedTurnaround[]> {
    const ranks = TURNAROUND_PERCENTILES.flatMap((tenths) => percentileRankSql('n', tenths));
    const rows: Row[] = await manager.query(
      `WITH r AS (
         SELECT committee, ms,
           ROW_NUMBER() OVER (PARTITION BY committee ORDER BY ms) AS rn,
           COUNT(*) OVER (PARTITION BY committee) AS n
         FROM ${STAGES} WHERE decision IS NOT NULL
       )
       SELECT committee, rn, n, ms FROM r WHERE rn IN (${ranks.join(', ')}) ORDER BY committee, rn`,
    );
    return (rows).map((r) => ({
      committee: String(r.committee),
      rank: num(r.rn),
      n: num(r.n),
      ms: num(r.ms),
    }));
  }

  /** Cases per country and per region (a case counts once per region), and the distinct cases behind each region's "other". */
  private async places(manager: EntityManager) {
    const rows: Row[] = await manager.query(
      `SELECT region, country, COUNT(*) AS cases FROM ${COUNTRIES} GROUP BY region, country`,
    );
    const countries: CountryCount[] = (rows).map((r) => ({
      region: String(r.region),
      country: String(r.country),
      cases: num(r.cases),
    }));
    const regions: Row[] = await manager.query(
      `SELECT region, COUNT(DISTINCT case_n) AS cases FROM ${COUNTRIES} GROUP BY region`,
    );
    const merged = [...suppressSmallCells(countries, SMALL_CELL_THRESHOLD).mergedByRegion.values()].flat();
    const other = merged.length
      ? await query(
          manager,
          `SELECT region, COUNT(DISTINCT case_n) AS cases FROM ${COUNTRIES} WHERE country IN (:...merged) GROUP BY region`,
          { merged },
        )
      : [];
    const byRegion = (r: Row) => ({ region: String(r.region), cases: num(r.cases) });
    return { countries, regionCases: (regions).map(byRegion), otherCases: other.map(byRegion) };
  }

  /** Rejected, approved with conditions, or escalated by the end of the period: the first NOTABLE_LIMIT by reference, and how many in all. */
  private async notable(manager: EntityManager, p: Period): Promise<{ notable: NotableRow[]; notableTotal: number }> {
    const rows = await query(
      manager,
      `SELECT pc.id, pc.reference, pc.type, pc.status,
         CASE WHEN pc.closed_at < :end THEN 1 ELSE 0 END AS closed,
         CASE WHEN pc.escalated_at < :end THEN 1 ELSE 0 END AS escalated,
         COUNT(*) OVER () AS total
       FROM ${CASES} pc
       WHERE ${IN_PERIOD} AND ((pc.closed_at < :end AND pc.status IN ('rejected', 'approved_with_conditions')) OR pc.escalated_at < :end)
       ORDER BY pc.reference
       LIMIT ${NOTABLE_LIMIT}`,
      p,
    );
    if (rows.length === 0) return { notable: [], notableTotal: 0 };
    const ids = rows.map((r) => String(r.id));
    const details = await query(
      manager,
      `SELECT c.id, c.partners, c.destinations, c."technologyAreas" AS technology_areas FROM cases c WHERE c.id IN (:...ids)`,
      { ids },
    );
    const stages = await query(
      manager,
      `SELECT s."caseId" AS case_id, s."committeeKey" AS committee, s.decision, s.rationale
       FROM case_stages s
       WHERE s."caseId" IN (:...ids) AND s.decision IS NOT NULL AND s."decidedAt" < :end
       ORDER BY s."decidedAt", s."committeeKey"`,
      { ids, end: p.end },
    );
    const people = await query(
      manager,
      `SELECT DISTINCT x.case_id, u.name FROM (
         SELECT c.id AS case_id, c."applicantId" AS user_id FROM cases c WHERE c.id IN (:...ids)
         UNION SELECT s."caseId", s."decidedById" FROM case_stages s WHERE s."caseId" IN (:...ids) AND s."decidedById" IS NOT NULL
         UNION SELECT s."caseId", r."reviewerId" FROM stage_reviewers r JOIN case_stages s ON s.id = r."stageId" WHERE s."caseId" IN (:...ids)
         UNION SELECT s."caseId", o."reviewerId" FROM opinions o JOIN case_stages s ON s.id = o."stageId" WHERE s."caseId" IN (:...ids)
       ) x JOIN users u ON u.id = x.user_id
       ORDER BY x.case_id, u.name`,
      { ids },
    );
    const notable = rows.map((r) => {
      const d = details.find((x) => x.id === r.id)!;
      return {
        id: String(r.id),
        reference: String(r.reference),
        type: r.type as CaseType,
        status: String(r.status),
        closed: num(r.closed) === 1,
        escalated: num(r.escalated) === 1,
        partners: json<Partner[]>(d.partners),
        destinations: json<Destination[]>(d.destinations),
        technologyAreas: json<string[]>(d.technology_areas),
        stages: stages
          .filter((s) => s.case_id === r.id)
          .map((s) => ({
            committee: String(s.committee),
            decision: String(s.decision),
            rationale: s.rationale === null ? null : String(s.rationale as string),
          })),
        people: people.filter((u) => u.case_id === r.id).map((u) => String(u.name)),
      };
    });
    return { notable, notableTotal: num(rows[0].total) };
  }
}

/**
 * The stages of the period's cases, with what the figures need of each: its final decision if
 * taken before `end`, its turnaround (ms, without the waits for the applicant), whether it was
 * decided by its due date, and whether it was open and overdue at `end`.
 */
function periodStages(manager: EntityManager): string {
  const decided = `s.decision IS NOT NULL AND s."decidedAt" < :end`;
  return `
  SELECT s."caseId" AS case_id, s."committeeKey" AS committee,
    CASE WHEN ${decided} THEN s.decision END AS decision,
    CASE WHEN ${decided} THEN ${msBetween(manager, 's."decidedAt"', 's."openedAt"')} - s."waitingMs" END AS ms,
    CASE WHEN ${decided} AND s."decidedAt" <= s."dueAt" THEN 1 ELSE 0 END AS within_target,
    CASE WHEN (pc.closed_at IS NULL OR pc.closed_at >= :end) AND s."openedAt" < :end AND (s."decidedAt" IS NULL OR s."decidedAt" >= :end) AND s."dueAt" < :end
      THEN 1 ELSE 0 END AS overdue_open
  FROM ${CASES} pc CROSS JOIN case_stages s
  WHERE s."caseId" = pc.id AND ${IN_PERIOD}`;
}

/** The countries of the period's cases, each with its region. */
const PERIOD_COUNTRIES = `
  SELECT pc.n AS case_n, cc."countryCode" AS country, co.region AS region
  FROM ${CASES} pc CROSS JOIN case_countries cc CROSS JOIN countries co
  WHERE cc."caseId" = pc.id AND co.code = cc."countryCode" AND ${IN_PERIOD}`;

/** Whole milliseconds from `b` to `a`, two timestamp columns. */
function msBetween(manager: EntityManager, a: string, b: string): string {
  return manager.connection.options.type === 'postgres'
    ? `CAST(ROUND(EXTRACT(EPOCH FROM (${a} - ${b})) * 1000) AS BIGINT)`
    : `CAST(ROUND((julianday(${a}) - julianday(${b})) * 86400000.0) AS INTEGER)`;
}

/** Runs SQL with :named parameters through the driver's own expansion (the same as the query builder's). */
async function query(manager: EntityManager, sql: string, parameters: Record<string, unknown>): Promise<Row[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters, {});
  return manager.query(text, values);
}
