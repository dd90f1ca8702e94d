import { WorkingDayCalendar } from '../workflow/working-day-calendar';
import { reminderStep } from './stage-reminders';

describe('the reminder step of an overdue stage', () => {
  const calendar = new WorkingDayCalendar();
  // Due on Wednesday 5 May 2027, 12:00 in Brussels (10:00 UTC); Ascension (6 May) and Whit Monday
  // (17 May) are public holidays.
  const due = new Date('2027-05-05T10:00:00.000Z');

  it.each([
    ['2027-05-05T09:59:59.999Z', null], // not yet due
    ['2027-05-05T10:00:00.000Z', 0], // the first reminder, on the due date
    ['2027-05-13T09:59:59.999Z', 0],
    ['2027-05-13T10:00:00.000Z', 1], // 5 working days later: Fri 7, Mon 10, Tue 11, Wed 12, Thu 13
    ['2027-05-21T09:59:59.999Z', 1],
    ['2027-05-21T10:00:00.000Z', 2], // Fri 14, (Whit Monday), Tue 18, Wed 19, Thu 20, Fri 21
    ['2027-06-30T10:00:00.000Z', 7],
  ])('at %s: %s', (now, step) => {
    expect(reminderStep(due, new Date(now), calendar)).toBe(step);
  });

  it('counts the steps of a stage forgotten for years as 5-working-day steps from its due date', () => {
    const now = new Date('2036-02-11T09:30:00.000Z');
    const step = reminderStep(due, now, calendar)!;
    expect(calendar.addWorkingDaysNow(due, step * 5).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(calendar.addWorkingDaysNow(due, (step + 1) * 5).getTime()).toBeGreaterThan(now.getTime());
    // About 250 working days a year, a step every 5: some 450 steps in nearly nine years.
    expect(step).toBeGreaterThan(430);
    expect(step).toBeLessThan(470);
  });
});
