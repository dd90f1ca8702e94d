/** Stands in for a withheld name in report text. */
export const WITHHELD = '[…]';

/** Short enough for one line of an A4 page next to the other columns. */
export const RATIONALE_MAX_CHARS = 160;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Many names compiled into one pattern (whole words, any case, longest first, so "Anna de Vries" goes
 * whole before "Vries" would leave "Anna de […]"): a long list of names costs one pass over a text.
 */
export class NamePattern {
  private readonly pattern: RegExp | null;

  constructor(names: Iterable<string>) {
    const unique = [...new Set([...names].map((n) => n.trim()).filter((n) => n.length >= 2))];
    unique.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
    this.pattern = unique.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  }

  /** `text` with every name replaced by WITHHELD, except those in `keep` (lower case). */
  withhold(text: string, keep: ReadonlySet<string> = new Set()): string {
    if (!this.pattern) return text;
    return text.replace(this.pattern, (name) => (keep.has(name.toLowerCase()) ? name : WITHHELD));
  }
}

/**
 * Replaces every occurrence of the given names in `text` (whole words, any case) with WITHHELD.
 * People's names are also withheld part by part (a surname alone is still a name); parts shorter
 * than three letters or starting lower case ("van", "de") are left, they name no one on their own.
 * `wholeNames` (organisations) are withheld only whole.
 */
export function withholdNames(text: string, people: readonly string[], wholeNames: readonly string[] = []): string {
  const parts = people.flatMap((name) => name.split(/[\s,]+/).filter((p) => p.length >= 3 && /^\p{Lu}/u.test(p) && !/\.$/.test(p)));
  return new NamePattern([...people, ...wholeNames, ...parts]).withhold(text);
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
