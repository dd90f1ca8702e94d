import { REPORT_LABELS } from './report-labels';
import type { ReportLanguage } from '../data/report-data';

/**
 * Formatting by hand, not with Intl or toLocale*: a stored report must render to the same bytes on
 * any machine, whatever its locale data or time zone.
 */

/** '2025-03-01' → '1 March 2025' (en), '1 maart 2025' (nl). */
export function formatDate(date: string, language: ReportLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  // A snapshot stored before periods were bounded may hold a date outside years 0-9999: shown as stored.
  if (!m) return date;
  return `${Number(m[3])} ${REPORT_LABELS[language].months[Number(m[2]) - 1]} ${m[1]}`;
}

/** An integer with thousands separators: 12345 → '12,345' (en), '12.345' (nl). */
export function formatCount(value: number, language: ReportLanguage): string {
  const sign = value < 0 ? '−' : '';
  const digits = String(Math.abs(Math.round(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, REPORT_LABELS[language].thousandsSeparator);
}

/** A number with one decimal: 4.25 → '4.3' (en), '4,3' (nl); null → '–'. */
export function formatDecimal(value: number | null, language: ReportLanguage): string {
  const labels = REPORT_LABELS[language];
  if (value === null) return labels.noValue;
  const tenths = Math.round(value * 10);
  const whole = formatCount(Math.trunc(tenths / 10), language);
  const sign = tenths < 0 && whole === '0' ? '−' : '';
  return `${sign}${whole}${labels.decimalSeparator}${Math.abs(tenths % 10)}`;
}

/** A share 0..1 as a whole percentage: 0.8333 → '83%'; null → '–'. */
export function formatShare(value: number | null, language: ReportLanguage): string {
  if (value === null) return REPORT_LABELS[language].noValue;
  return `${Math.round(value * 100)}%`;
}

/** A difference with its sign: +3, −2 (minus sign), 0. */
export function formatDifference(value: number, language: ReportLanguage): string {
  if (value === 0) return '0';
  return value > 0 ? `+${formatCount(value, language)}` : formatCount(value, language);
}
