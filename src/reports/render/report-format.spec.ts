import { formatCount, formatDate, formatDecimal, formatDifference, formatShare } from './report-format';

describe('report formatting', () => {
  it('formats dates per language from the stored string', () => {
    expect(formatDate('2025-03-01', 'en')).toBe('1 March 2025');
    expect(formatDate('2025-03-01', 'nl')).toBe('1 maart 2025');
    expect(formatDate('2024-12-31', 'nl')).toBe('31 december 2024');
    // Not a YYYY-MM-DD date (a snapshot stored before periods were bounded): shown as stored.
    expect(formatDate('-006060-01', 'en')).toBe('-006060-01');
  });

  it('formats counts with the language thousands separator', () => {
    expect(formatCount(50_000, 'en')).toBe('50,000');
    expect(formatCount(50_000, 'nl')).toBe('50.000');
    expect(formatCount(999, 'nl')).toBe('999');
    expect(formatCount(-1234, 'en')).toBe('−1,234');
  });

  it('formats decimals with one digit and the language decimal separator', () => {
    expect(formatDecimal(36.75, 'en')).toBe('36.8');
    expect(formatDecimal(36.75, 'nl')).toBe('36,8');
    expect(formatDecimal(4, 'nl')).toBe('4,0');
    expect(formatDecimal(1234.5, 'nl')).toBe('1.234,5');
    expect(formatDecimal(null, 'en')).toBe('–');
  });

  it('formats shares as whole percentages and differences with their sign', () => {
    expect(formatShare(0.6667, 'en')).toBe('67%');
    expect(formatShare(null, 'nl')).toBe('–');
    expect(formatDifference(9, 'en')).toBe('+9');
    expect(formatDifference(-2, 'en')).toBe('−2');
    expect(formatDifference(0, 'nl')).toBe('0');
    expect(formatDifference(1500, 'nl')).toBe('+1.500');
  });
});
