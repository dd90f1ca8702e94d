import { Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import {
  addWorkingDays,
  isBelgianPublicHoliday,
  IsoDate,
  isWorkingDay,
  localDate,
  WorkingDayRules,
  workingDaysPassed,
} from './working-days';

/**
 * Working days in the app's time zone: Monday to Friday, minus Belgian public holidays and the
 * university's closure days. Closure days are kept in the database by the International Office; the
 * calendar module loads them here (at start, after each change, and now and then for changes made
 * on another instance), so that due dates are computed without a query inside a case action's
 * transaction. A change applies to stages opened after it.
 */
@Injectable()
export class WorkingDayCalendar {
  readonly timeZone: string;
  private closures = new Set<IsoDate>();
  private readonly rules: WorkingDayRules;

  constructor(@Optional() config?: AppConfig) {
    this.timeZone = config?.appTimeZone ?? 'Europe/Brussels';
    this.rules = {
      timeZone: this.timeZone,
      isDayOff: (date) => isBelgianPublicHoliday(date) || this.closures.has(date),
    };
  }

  /** `start` plus `days` working days, at the same local time (see `addWorkingDays`). */
  // Async so that callers need not change if the calendar ever has to read from the database here.
  addWorkingDays(start: Date, days: number): Promise<Date> {
    return Promise.resolve(this.addWorkingDaysNow(start, days));
  }

  addWorkingDaysNow(start: Date, days: number): Date {
    return addWorkingDays(start, days, this.rules);
  }

  /** The largest k with `addWorkingDaysNow(start, k) <= now` (see `workingDaysPassed`). */
  workingDaysPassed(start: Date, now: Date): number {
    return workingDaysPassed(start, now, this.rules);
  }

  isWorkingDay(date: IsoDate): boolean {
    return isWorkingDay(date, this.rules);
  }

  /** The date in the app's time zone at `instant`. */
  dateOf(instant: Date): IsoDate {
    return localDate(instant, this.timeZone);
  }

  /** Replaces the closure days the calendar counts with. */
  useClosures(dates: Iterable<IsoDate>): void {
    this.closures = new Set(dates);
  }
}
