/** Stands in for a withheld name in report text. */
export const WITHHELD = '[…]';

/** Short enough for one line of an A4 page next to the other columns. */
export const RATIONALE_MAX_CHARS = 160;

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Lower case that keeps every string's length, so positions in the folded text are positions in
 * the original: U+0130 (İ) is the one character whose lower case is longer (i + U+0307).
 */
export const foldCase = (s: string): string => s.replace(/\u0130/g, 'i').toLowerCase();

interface IndexedName {
  /** Folded. */
  name: string;
  /** Where its first word starts in it ("«Almaz-Antey» Concern": 1). */
  offset: number;
}

/**
 * Many names to find in texts as whole words, in any case. Indexed by their first word, so a text
 * costs one lookup per word however many names there are (a report withholds thousands); at each
 * word the longest name that matches wins, so "Anna de Vries" goes whole before "Vries" would
 * leave "Anna de […]".
 */
export class NamePattern {
  private readonly byFirstWord = new Map<string, IndexedName[]>();

  constructor(names: Iterable<string>) {
    for (const name of new Set([...names].map((n) => foldCase(n.trim())).filter((n) => n.length >= 2))) {
      const first = /[\p{L}\p{N}]+/u.exec(name);
      if (!first) continue;
      const list = this.byFirstWord.get(first[0]) ?? [];
      list.push({ name, offset: first.index });
      this.byFirstWord.set(first[0], list);
    }
    for (const list of this.byFirstWord.values())
      list.sort((a, b) => b.name.length - a.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** `text` with every name replaced by WITHHELD, except those in `keep` (folded with foldCase). */
  withhold(text: string, keep: ReadonlySet<string> = new Set()): string {
    if (this.byFirstWord.size === 0) return text;
    const folded = foldCase(text);
    let out = '';
    let copied = 0;
    for (const word of folded.matchAll(WORD)) {
      if (word.index < copied) continue;
      const match = this.byFirstWord.get(word[0])?.find(({ name, offset }) => {
        const start = word.index - offset;
        return (
          start >= copied &&
          folded.startsWith(name, start) &&
          !WORD_CHAR.test(folded.charAt(start - 1)) &&
          !WORD_CHAR.test(folded.charAt(start + name.length))
        );
      });
      if (match === undefined) continue;
      const start = word.index - match.offset;
      const end = start + match.name.length;
      // A kept name is copied as it stands, and none of its words is looked at again.
      out += text.slice(copied, start) + (keep.has(match.name) ? text.slice(start, end) : WITHHELD);
      copied = end;
    }
    return out + text.slice(copied);
  }
}

/**
 * Replaces every occurrence of the given names in `text` (whole words, any case) with WITHHELD.
 * People's names are also withheld part by part (a surname alone is still a name); parts shorter
 * than three letters or starting lower case ("van", "de") are left, they name no one on their own.
 * `wholeNames` (organisations) are withheld only whole.
 */
export function withholdNames(text: string, people: readonly string[], wholeNames: readonly string[] = []): string {
  const parts = people.flatMap((name) =>
    name.split(/[\s,]+/).filter((p) => p.length >= 3 && /^\p{Lu}/u.test(p) && !/\.$/.test(p)),
  );
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
