/** The languages people read the application, its notifications and its mails in. */
export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of a BCP 47 locale (`nl-BE` → `nl`), or English for anything we do not speak. */
export function languageOfLocale(locale: string | null | undefined): Language {
  const primary = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((l) => l === primary) ?? 'en';
}
