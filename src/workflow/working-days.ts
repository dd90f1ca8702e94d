import Holidays from 'date-holidays';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** What makes a day a working day: the time zone its dates are read in, and the days off besides weekends. */
export interface WorkingDayRules {
  timeZone: string;
  /** True for a public holiday or a closure day (weekends are known already). */
  isDayOff(date: IsoDate): boolean;
}

/**
 * Belgian public holidays of a year, as date-holidays lists them for the country `BE` with type
 * `public`: New Year, Easter Monday, Labour Day, Ascension, Whit Monday, National Day (21 July),
 * Assumption, All Saints, Armistice and Christmas. Regional and community days (11 July for the
 * Flemish Community, 27 September, 15 November) and observances are not public holidays, so they
 * are working days unless the International Office makes them closure days.
 */
export function belgianPublicHolidays(year: number): IsoDate[] {
  return new Holidays('BE')
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(0, 10));
}

const holidaysByYear = new Map<number, ReadonlySet<IsoDate>>();

export function isBelgianPublicHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = new Set(belgianPublicHolidays(year));
    holidaysByYear.set(year, holidays);
  }
  return holidays.has(date);
}

/** Brussels time and Belgian public holidays, without closure days (those the running app knows). */
export const BELGIAN_WORKING_DAYS: WorkingDayRules = { timeZone: 'Europe/Brussels', isDayOff: isBelgianPublicHoliday };

/**
 * `start` plus `days` working days, at the same local time of day in `rules.timeZone`: count the
 * days after `start`'s local date that are Monday to Friday and not a day off, and keep the wall
 * clock time. A stage opened on Wednesday 14:05 in Brussels with 1 working day is due Thursday
 * 14:05 in Brussels, also when a daylight-saving change lies between; from a Saturday, the first
 * working day counted is Monday. A local time that does not exist on the target day (a spring-forward
 * gap, which in Europe falls on a Sunday and so never on a working day) moves forward by the gap.
 */
export function addWorkingDays(start: Date, days: number, rules: WorkingDayRules = BELGIAN_WORKING_DAYS): Date {
  if (days <= 0) return new Date(start.getTime());
  const local = localDateTime(start, rules.timeZone);
  let day = dayNumber(local.date);
  let remaining = days;
  while (remaining > 0) {
    day++;
    if (isWorkingDayNumber(day, rules)) remaining--;
  }
  return instantAt(isoDateOfDay(day), local.msOfDay, rules.timeZone);
}

/**
 * How many working days have passed from `start` to `now`: the largest k with
 * `addWorkingDays(start, k) <= now` (0 when `now` is before the first). One walk over the dates in
 * between, whatever their number, with the time zone read at the ends only.
 */
export function workingDaysPassed(start: Date, now: Date, rules: WorkingDayRules = BELGIAN_WORKING_DAYS): number {
  if (now.getTime() <= start.getTime()) return 0;
  const from = localDateTime(start, rules.timeZone);
  const first = dayNumber(from.date);
  const last = dayNumber(localDate(now, rules.timeZone));
  let passed = 0;
  for (let day = first + 1; day <= last; day++) {
    if (!isWorkingDayNumber(day, rules)) continue;
    // A day two or more dates before today is past at any time of day, whatever the clocks did;
    // the last two are compared as instants.
    if (day < last - 1 || instantAt(isoDateOfDay(day), from.msOfDay, rules.timeZone).getTime() <= now.getTime()) {
      passed++;
    }
  }
  return passed;
}

/** Days since 1970-01-01 (a Thursday): walks read a weekday with arithmetic, not from a parsed date. */
function dayNumber(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** The date `day` days after 1970-01-01. */
function isoDateOfDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingDayNumber(day: number, rules: Pick<WorkingDayRules, 'isDayOff'>): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6 && !rules.isDayOff(isoDateOfDay(day));
}

export function isWorkingDay(date: IsoDate, rules: Pick<WorkingDayRules, 'isDayOff'>): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !rules.isDayOff(date);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function nextDate(date: IsoDate): IsoDate {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `instant`, as if it were UTC (milliseconds since the epoch). */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, ms);
}

/** The local date in `timeZone` at `instant`, and the milliseconds since local midnight. */
export function localDateTime(instant: Date, timeZone: string): { date: IsoDate; msOfDay: number } {
  const wall = wallClockMs(instant.getTime(), timeZone);
  const msOfDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  return { date: new Date(wall - msOfDay).toISOString().slice(0, 10), msOfDay };
}

/** The local date in `timeZone` at `instant`. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  return localDateTime(instant, timeZone).date;
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` and `msOfDay`. Where the clock is
 * set back and the time occurs twice, the earlier; where it jumps forward over the time, the time
 * moved forward by the jump (as the clock on the wall would show it).
 */
export function instantAt(date: IsoDate, msOfDay: number, timeZone: string): Date {
  const wall = new Date(`${date}T00:00:00Z`).getTime() + msOfDay;
  const offsetAt = (instant: number) => wallClockMs(instant, timeZone) - instant;
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wallClockMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before);
}
