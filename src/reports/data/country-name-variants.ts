const DISPLAY_NAMES = ['en', 'nl'].map(
  (locale) => new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }),
);

/**
 * The names a text may use for a country, to withhold them from report text: its reference name
 * ("Iran, Islamic Republic of"), the part before a comma or bracket ("Iran"), and its common English
 * and Dutch names ("Russia", "Rusland"). Adjectives ("Russian") are not covered.
 */
export function countryNameVariants(code: string, referenceName: string): string[] {
  const variants = [referenceName, referenceName.split(/[,(]/)[0].trim()];
  for (const names of DISPLAY_NAMES) {
    try {
      const name = names.of(code);
      if (name) variants.push(name);
    } catch {
      // A code the locale data does not know: the reference name stands.
    }
  }
  return [...new Set(variants.filter((v) => v.length >= 3))];
}
