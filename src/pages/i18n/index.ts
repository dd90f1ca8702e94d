import { en, Catalogue } from './en';
import { nl } from './nl';

export type { Catalogue } from './en';

export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, nl };

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'nl';
}

/** Fills `{name}` placeholders; a placeholder without a value stays visible, so it is noticed. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The message for an error code in the catalogue's language, or a general one that names the code. */
export function errorMessage(t: Catalogue, code: string): string {
  return Object.prototype.hasOwnProperty.call(t.errors, code) ? t.errors[code] : fill(t.errors.unknown, { code });
}

/**
 * The first language of an Accept-Language header that the pages speak (quality values respected),
 * or null.
 */
export function languageFromHeader(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.trim().slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isLanguage) ?? null;
}
