/** Stands in for a withheld name in report text. */
export const WITHHELD = '[…]';

/** Short enough for one line of an A4 page next to the other columns. */
export const RATIONALE_MAX_CHARS = 160;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every occurrence of the given names in `text` (whole words, any case) with WITHHELD.
 * Person names are also withheld part by part (a surname alone is still a name); parts shorter than
 * three letters or starting lower case ("van", "de") are left, they name no one on their own.
 */
export function withholdNames(text: string, people: readonly string[], organisations: readonly string[] = []): string {
  const parts = people.flatMap((name) => name.split(/[\s,]+/).filter((p) => p.length >= 3 && /^\p{Lu}/u.test(p) && !/\.$/.test(p)));
  const names = [...new Set([...people, ...organisations, ...parts].map((n) => n.trim()).filter((n) => n.length >= 2))];
  // Longest first, so "Anna de Vries" goes whole before "Vries" would leave "Anna de […]".
  names.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  let out = text;
  for (const name of names) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu');
    out = out.replace(pattern, WITHHELD);
  }
  return out;
}

/** One line: whitespace collapsed, cut at a word boundary to at most `max` characters with an ellipsis. */
export function shortenRationale(text: string, max = RATIONALE_MAX_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  if (chars.length <= max) return line;
  const cut = chars.slice(0, max - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length >= max / 2 ? atWord : cut).replace(/[\s,;:.]+$/, '')}…`;
}
