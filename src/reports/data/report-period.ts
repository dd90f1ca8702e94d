import { invalidInput } from '../../common/common.errors';

/** Report periods are whole UTC days given as 'YYYY-MM-DD'; all arithmetic here is on UTC midnights. */
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of the UTC midnight that starts `date`, or null if it is not a real calendar date. */
export function parseDay(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : null;
}

function day(date: string): number {
  const ms = parseDay(date);
  if (ms === null) throw new Error(`Not a date: ${date}`);
  return ms;
}

const format = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return format(day(date) + days * DAY_MS);
}

/** Days in from..to, both included. */
export function lengthInDays(from: string, to: string): number {
  return Math.round((day(to) - day(from)) / DAY_MS) + 1;
}

/** The period of equal length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  return { from: addDays(from, -lengthInDays(from, to)), to: addDays(from, -1) };
}

/**
 * The half-open interval [start, end) of timestamps in the period, as 'YYYY-MM-DD HH:MM:SS.SSS'
 * strings: the form TypeORM stores on SQLite (so text comparison is time order) and one PostgreSQL
 * reads as a timestamp without time zone, whatever the process time zone.
 */
export function periodBounds(from: string, to: string): { start: string; end: string } {
  return { start: `${from} 00:00:00.000`, end: `${addDays(to, 1)} 00:00:00.000` };
}

export const FIRST_REPORT_YEAR = 1900;
export const LAST_REPORT_YEAR = 2999;
export const MAX_REPORT_YEARS = 10;

/**
 * A period a report can cover: real dates in years 1900-2999, `from` not after `to`, at most 10
 * years long (so the previous period, of equal length, stays within ordinary dates too).
 */
export function assertReportablePeriod(from: string, to: string): void {
  for (const [field, date] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (parseDay(date) === null) throw invalidInput(`${field} must be a real calendar date`);
    const year = Number(date.slice(0, 4));
    if (year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR)
      throw invalidInput(`${field} must be in the years ${FIRST_REPORT_YEAR}-${LAST_REPORT_YEAR}`);
  }
  if (from > to) throw invalidInput('from must not be after to');
  if (from < addYears(to, -MAX_REPORT_YEARS))
    throw invalidInput(`the period from..to must not be longer than ${MAX_REPORT_YEARS} years`);
}

function addYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
}
