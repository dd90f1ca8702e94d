import { addWorkingDays } from './working-days';

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-23T09:00:00.000Z', 1, '2026-11-24T09:00:00.000Z'], // Monday → Tuesday
    ['2026-11-27T09:00:00.000Z', 1, '2026-11-30T09:00:00.000Z'], // Friday → Monday
    ['2026-11-28T09:00:00.000Z', 1, '2026-11-30T09:00:00.000Z'], // Saturday → Monday
    ['2026-11-23T09:00:00.000Z', 5, '2026-11-30T09:00:00.000Z'], // a week
    ['2026-11-23T09:00:00.000Z', 10, '2026-12-07T09:00:00.000Z'],
    ['2026-11-23T09:00:00.000Z', 0, '2026-11-23T09:00:00.000Z'],
  ])('%s + %d working days = %s', (start, days, expected) => {
    expect(addWorkingDays(new Date(start), days).toISOString()).toBe(expected);
  });
});
