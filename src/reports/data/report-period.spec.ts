import { CommonErrorCode } from '../../common/common.errors';
import { addDays, assertReportablePeriod, lengthInDays, parseDay, periodBounds, previousPeriod } from './report-period';

describe('report periods', () => {
  it('accepts real calendar dates only', () => {
    expect(parseDay('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('2025-13-01')).toBeNull();
    expect(parseDay('2025-1-01')).toBeNull();
  });

  it('gives the previous period of equal length, ending the day before', () => {
    expect(previousPeriod('2025-01-01', '2025-03-31')).toEqual({ from: '2024-10-03', to: '2024-12-31' });
    // Equal length in days: 2024 has a day more than 2025.
    expect(previousPeriod('2025-01-01', '2025-12-31')).toEqual({ from: '2024-01-02', to: '2024-12-31' });
    expect(previousPeriod('2025-03-01', '2025-03-01')).toEqual({ from: '2025-02-28', to: '2025-02-28' });
    expect(lengthInDays('2024-01-01', '2024-12-31')).toBe(366);
  });

  it('bounds the period by UTC midnights, the last day included', () => {
    expect(periodBounds('2025-01-01', '2025-12-31')).toEqual({
      start: '2025-01-01 00:00:00.000',
      end: '2026-01-01 00:00:00.000',
    });
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it.each([
    ['2025-01-01', '2025-12-31'],
    ['1900-01-01', '1909-12-31'],
    ['2990-01-01', '2999-12-31'],
    ['2015-01-01', '2024-12-31'],
  ])('accepts the period %s..%s', (from, to) => {
    expect(() => assertReportablePeriod(from, to)).not.toThrow();
  });

  it.each([
    ['1970-01-01', '9999-12-31', 'to must be in the years 1900-2999'],
    ['1899-12-31', '1900-12-31', 'from must be in the years 1900-2999'],
    ['2025-02-29', '2025-12-31', 'from must be a real calendar date'],
    ['2025-12-31', '2025-01-01', 'from must not be after to'],
    ['2014-12-30', '2024-12-31', 'must not be longer than 10 years'],
  ])('refuses the period %s..%s: %s', (from, to, message) => {
    expect(() => assertReportablePeriod(from, to)).toThrow(message);
    expect(() => assertReportablePeriod(from, to)).toThrow(expect.objectContaining({ code: CommonErrorCode.ValidationFailed }));
  });
});
