import { Language } from './i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, found);
  }
  return found;
}

/**
 * Dates as people in Belgium write them (29/11/2026, 14:05), in the service's time zone, the same
 * in both languages. Built from the formatter's parts, so the separators do not depend on the
 * locale data of the machine.
 */
export class PageFormat {
  constructor(
    readonly language: Language,
    private readonly timeZone: string,
  ) {}

  /** An instant (ISO string or Date) as its date in the service's time zone. */
  date(at: string | Date | null | undefined): string {
    if (!at) return '';
    const parts = this.parts(at, false);
    return `${parts.day}/${parts.month}/${parts.year}`;
  }

  dateTime(at: string | Date | null | undefined): string {
    if (!at) return '';
    const parts = this.parts(at, true);
    return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
  }

  /** A calendar date (YYYY-MM-DD), which has no time zone. */
  calendarDate(date: string | null | undefined): string {
    if (!date) return '';
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
  }

  /** A score between 0 and 1 with two decimals, with the decimal comma in Dutch. */
  score(value: number): string {
    const text = value.toFixed(2);
    return this.language === 'nl' ? text.replace('.', ',') : text;
  }

  /** A file size in bytes, KB or MB (1024-based, one decimal above 1 KB), with the language's decimal sign. */
  size(bytes: number): string {
    const [value, unit] =
      bytes < 1024
        ? [String(bytes), 'B']
        : bytes < 1024 * 1024
          ? [(bytes / 1024).toFixed(1), 'KB']
          : [(bytes / 1024 / 1024).toFixed(1), 'MB'];
    return `${this.language === 'nl' ? value.replace('.', ',') : value} ${unit}`;
  }

  private parts(at: string | Date, withTime: boolean): Record<string, string> {
    const parts = formatter(this.timeZone, withTime).formatToParts(new Date(at));
    return Object.fromEntries(parts.map((p) => [p.type, p.value]));
  }
}
