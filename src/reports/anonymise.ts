/** Stands in for a withheld name in report text. */
export const WITHHELD = '[…]';

/** Short enough for one line of an A4 page next to the other columns. */
export const RATIONALE_MAX_CHARS = 160;

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Many names to find in texts as whole words, in any case. Indexed by their first word, so a text
 * costs one lookup per word however many names there are (a report withholds thousands); at each
 * word the longest name that matches wins, so "Anna de Vries" goes whole before "Vries" would
 * leave "Anna de […]".
 */
export class NamePattern {
  private readonly byFirstWord = new Map<string, string[]>();

  constructor(names: Iterable<string>) {
    for (const name of new Set([...names].map((n) => n.trim().toLowerCase()).filter((n) => n.length >= 2))) {
      const first = name.match(WORD)?.[0];
      if (first === undefined || !name.startsWith(first)) continue;
      const list = this.byFirstWord.get(first) ?? [];
      list.push(name);
      this.byFirstWord.set(first, list);
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  }

  /** `text` with every name replaced by WITHHELD, except those in `keep` (lower case). */
  withhold(text: string, keep: ReadonlySet<string> = new Set()): string {
    if (this.byFirstWord.size === 0) return text;
    let out = '';
    let copied = 0;
    for (const word of text.matchAll(WORD)) {
      const at = word.index;
      if (at < copied) continue;
      const found = this.byFirstWord.get(word[0].toLowerCase())?.find((name) => {
        const candidate = text.slice(at, at + name.length);
        return candidate.toLowerCase() === name && !WORD_CHAR.test(text.charAt(at + name.length));
      });
      if (found === undefined || keep.has(found)) continue;
      out += text.slice(copied, at) + WITHHELD;
      copied = at + found.length;
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
