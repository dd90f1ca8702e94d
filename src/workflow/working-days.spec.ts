import { WorkingDayCalendar } from './working-day-calendar';
import {
  addWorkingDays,
  belgianPublicHolidays,
  instantAt,
  isBelgianPublicHoliday,
  isWorkingDay,
  localDateTime,
  nextDate,
  WorkingDayRules,
  workingDaysPassed,
} from './working-days';

const brussels = new WorkingDayCalendar();
brussels.useClosures(['2026-12-24', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);

describe('Belgian public holidays', () => {
  it('are the ten national public holidays, without community days or observances', () => {
    expect(belgianPublicHolidays(2027)).toEqual([
      '2027-01-01', // New Year
      '2027-03-29', // Easter Monday
      '2027-05-01', // Labour Day
      '2027-05-06', // Ascension
      '2027-05-17', // Whit Monday
      '2027-07-21', // National Day
      '2027-08-15', // Assumption
      '2027-11-01', // All Saints
      '2027-11-11', // Armistice
      '2027-12-25', // Christmas
    ]);
  });

  it('leave 11 July (Flemish Community), 15 November (King’s Feast) and 2 November working days', () => {
    expect(brussels.isWorkingDay('2025-07-11')).toBe(true);
    expect(brussels.isWorkingDay('2027-11-15')).toBe(true);
    expect(brussels.isWorkingDay('2027-11-02')).toBe(true);
    expect(brussels.isWorkingDay('2025-07-21')).toBe(false);
  });
});

describe('WorkingDayCalendar.addWorkingDays (Europe/Brussels, Belgian holidays, closure days)', () => {
  it.each([
    // start (UTC)                 days  due (UTC)                   why
    ['2026-11-23T09:00:00.000Z', 1, '2026-11-24T09:00:00.000Z'], // Monday → Tuesday
    ['2026-11-27T09:00:00.000Z', 1, '2026-11-30T09:00:00.000Z'], // Friday → Monday
    ['2026-11-28T09:00:00.000Z', 1, '2026-11-30T09:00:00.000Z'], // Saturday → Monday
    ['2026-11-23T09:00:00.000Z', 5, '2026-11-30T09:00:00.000Z'], // a week
    ['2026-11-23T09:00:00.000Z', 0, '2026-11-23T09:00:00.000Z'],
    // Easter Monday 29 March 2027 skipped; summer time began on Sunday 28 March: still 10:00 in Brussels.
    ['2027-03-25T09:00:00.000Z', 3, '2027-03-31T08:00:00.000Z'],
    // Ascension, Thursday 6 May 2027.
    ['2027-05-05T12:00:00.000Z', 1, '2027-05-07T12:00:00.000Z'],
    // Whit Monday, 17 May 2027.
    ['2027-05-14T07:30:00.000Z', 1, '2027-05-18T07:30:00.000Z'],
    // 11 July 2025 (a Friday) is a working day; National Day, Monday 21 July 2025, is not.
    ['2025-07-10T08:00:00.000Z', 1, '2025-07-11T08:00:00.000Z'],
    ['2025-07-18T08:00:00.000Z', 1, '2025-07-22T08:00:00.000Z'],
    // Year change: closure days 24 and 28-31 December, Christmas, New Year: from Wednesday 23 December
    // 16:00, two working days are Monday 4 and Tuesday 5 January.
    ['2026-12-23T15:00:00.000Z', 2, '2027-01-05T15:00:00.000Z'],
    // Daylight saving time starts on the last Sunday of March: Friday 10:00 CET → Monday 10:00 CEST.
    ['2026-03-27T09:00:00.000Z', 1, '2026-03-30T08:00:00.000Z'],
    // … and ends on the last Sunday of October: Friday 10:00 CEST → Monday 10:00 CET.
    ['2026-10-23T08:00:00.000Z', 1, '2026-10-26T09:00:00.000Z'],
    // Saturday 23:30 in Brussels is still Saturday there: Monday 23:30.
    ['2026-12-19T22:30:00.000Z', 1, '2026-12-21T22:30:00.000Z'],
    // Friday 00:30 in Brussels is Thursday in UTC: the Brussels date counts, so the next working day is Monday.
    ['2026-11-26T23:30:00.000Z', 1, '2026-11-29T23:30:00.000Z'],
  ])('%s + %d working days = %s', async (start, days, expected) => {
    expect((await brussels.addWorkingDays(new Date(start), days)).toISOString()).toBe(expected);
  });

  it('counts closure days only once they are known', () => {
    const calendar = new WorkingDayCalendar();
    const start = new Date('2027-06-01T08:00:00.000Z');
    expect(calendar.addWorkingDaysNow(start, 1).toISOString()).toBe('2027-06-02T08:00:00.000Z');
    calendar.useClosures(['2027-06-02']);
    expect(calendar.addWorkingDaysNow(start, 1).toISOString()).toBe('2027-06-03T08:00:00.000Z');
  });
});

describe('addWorkingDays over many years', () => {
  /** The definition, a calendar date at a time: the next days that are working days, counted. */
  function byDefinition(start: Date, days: number, rules: WorkingDayRules): Date {
    const local = localDateTime(start, rules.timeZone);
    let date = local.date;
    for (let remaining = days; remaining > 0;) {
      date = nextDate(date);
      if (isWorkingDay(date, rules)) remaining--;
    }
    return days <= 0 ? start : instantAt(date, local.msOfDay, rules.timeZone);
  }

  it('agrees with the definition from 1960 to 2060, across weekends, holidays and closure days', () => {
    const closures = new Set(['1969-12-31', '2026-12-24', '2026-12-28', '2041-05-02']);
    const rules: WorkingDayRules = {
      timeZone: 'Europe/Brussels',
      isDayOff: (date) => isBelgianPublicHoliday(date) || closures.has(date),
    };
    // Start instants spread over a century (some before 1970), at odd times of day.
    for (let i = 0; i < 200; i++) {
      const start = new Date(Date.UTC(1960, 0, 1) + i * 182.63 * 86_400_000 + (i % 24) * 3_599_000);
      for (const days of [1, 4, 5, 23, 260]) {
        expect(addWorkingDays(start, days, rules).toISOString()).toBe(byDefinition(start, days, rules).toISOString());
      }
    }
  });
});

describe('workingDaysPassed', () => {
  const closures = new Set(['2026-12-24', '2026-12-28', '2031-03-31']);
  const rules: WorkingDayRules = {
    timeZone: 'Europe/Brussels',
    isDayOff: (date) => isBelgianPublicHoliday(date) || closures.has(date),
  };
  /** The definition: the largest k with addWorkingDays(start, k) <= now. */
  const byDefinition = (start: Date, now: Date) => {
    let k = 0;
    while (addWorkingDays(start, k + 1, rules).getTime() <= now.getTime()) k++;
    return k;
  };

  it('is the largest count of working days added to the start that is not after now', () => {
    for (let i = 0; i < 150; i++) {
      // Starts over six years at odd times; ends from minutes to weeks later, some right at a boundary.
      const start = new Date(Date.UTC(2025, 0, 1) + i * 14.73 * 86_400_000 + (i % 24) * 3_599_000);
      const later = [0.001, 0.9, 1, 3.5, 11, 45.2].map((days) => new Date(start.getTime() + days * 86_400_000));
      const boundary = addWorkingDays(start, 1 + (i % 9), rules);
      for (const now of [...later, boundary, new Date(boundary.getTime() - 1)]) {
        expect([start.toISOString(), now.toISOString(), workingDaysPassed(start, now, rules)]).toEqual([
          start.toISOString(),
          now.toISOString(),
          byDefinition(start, now),
        ]);
      }
    }
  });

  it('is 0 up to the first working day after the start, and before the start', () => {
    const friday = new Date('2026-11-27T09:00:00.000Z');
    expect(workingDaysPassed(friday, new Date('2026-11-30T08:59:59.999Z'), rules)).toBe(0);
    expect(workingDaysPassed(friday, new Date('2026-11-30T09:00:00.000Z'), rules)).toBe(1);
    expect(workingDaysPassed(friday, new Date('2026-11-20T09:00:00.000Z'), rules)).toBe(0);
  });

  it('counts across the clock changes at the same local time', () => {
    // Friday 10:00 CET before summer time; Monday 10:00 CEST is 08:00 UTC.
    const start = new Date('2026-03-27T09:00:00.000Z');
    expect(workingDaysPassed(start, new Date('2026-03-30T07:59:59.999Z'), rules)).toBe(0);
    expect(workingDaysPassed(start, new Date('2026-03-30T08:00:00.000Z'), rules)).toBe(1);
  });
});

describe('time zone arithmetic', () => {
  it('reads the local date and time of an instant', () => {
    expect(localDateTime(new Date('2026-12-19T22:30:00.000Z'), 'Europe/Brussels')).toEqual({
      date: '2026-12-19',
      msOfDay: (23 * 60 + 30) * 60_000,
    });
    expect(localDateTime(new Date('2026-12-19T22:30:00.000Z'), 'Pacific/Kiritimati').date).toBe('2026-12-20');
  });

  it('moves a time in the spring-forward gap forward, and takes the earlier of a time that occurs twice', () => {
    const halfPastTwo = (2 * 60 + 30) * 60_000;
    expect(instantAt('2026-03-29', halfPastTwo, 'Europe/Brussels').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantAt('2026-10-25', halfPastTwo, 'Europe/Brussels').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('keeps the local time across a change on a working day (Jerusalem moves its clocks on a Friday)', () => {
    const rules: WorkingDayRules = { timeZone: 'Asia/Jerusalem', isDayOff: () => false };
    // Thursday 26 March 2026 02:30 IST; on Friday 27 March 02:00 became 03:00, so 02:30 is 03:30 IDT.
    expect(addWorkingDays(new Date('2026-03-26T00:30:00.000Z'), 1, rules).toISOString()).toBe(
      '2026-03-27T00:30:00.000Z',
    );
    // Thursday 12:00 IST → Friday 12:00 IDT.
    expect(addWorkingDays(new Date('2026-03-26T10:00:00.000Z'), 1, rules).toISOString()).toBe(
      '2026-03-27T09:00:00.000Z',
    );
  });
});
