import { MAX_LISTED_NAME_LENGTH, MAX_NAME_WORDS, MAX_WORD_LENGTH } from './limits';
import { RawToken, Script, detectScript, splitWords } from './text';
import {
  VocabEntry,
  isTensWord,
  lookupPhrase,
  nicknameGroups,
  numberValue,
  romanValue,
  spellingVariant,
} from './vocabulary';

/**
 * - word: a distinctive word (also a canonicalised subject word such as "defense").
 * - generic: a generic organisation word ("university", "institute", "technology", "national").
 * - legal: a legal form ("ltd", "jsc").
 * - particle: "al", "bin", "de", "van", "abu".
 * - initial: a single Latin letter ("J." in "Hans J. Friedrich").
 * - number: digits, number words and ordinals, as digits.
 */
export type TokenKind = 'word' | 'generic' | 'legal' | 'particle' | 'initial' | 'number';

export interface NameToken {
  kind: TokenKind;
  /** Comparison form in the original script; the canonical key for generic, legal and particle tokens. */
  text: string;
  /** ASCII comparison form; the canonical key for generic, legal and particle tokens. */
  latin: string;
  /** ASCII form as written, before canonicalisation (for joining split words and for reasons). */
  surface: string;
  /** Nickname groups of a given name ("bill" and "william" share one). */
  nick?: string[];
  /** Words of a multi-word subject phrase ("islamic revolutionary guard corps" → "irgc"). */
  parts?: NameToken[];
  /**
   * Indexes (into tokens) of the words whose initials this word spells: "NUDT" in "National University
   * of Defense Technology (NUDT)".
   */
  acronymOf?: number[];
  /** Written in brackets: a qualifier or alias, missed at half weight. */
  bracketed?: boolean;
}

export interface NormalizedName {
  raw: string;
  /** Dominant script: the most frequent non-Latin script, else "latin". */
  script: Script;
  tokens: NameToken[];
  /** Exact-lookup key: sorted ASCII forms of all tokens except legal forms. */
  key: string;
  /** Number of distinctive tokens (words and numbers). */
  distinctive: number;
  /** True when "SURNAME, Given" was read as "Given SURNAME". */
  reordered: boolean;
}

interface Item {
  kind: TokenKind | 'stop' | 'title';
  text: string;
  latin: string;
  surface: string;
  edgeOnly?: boolean;
  tens?: boolean;
  parts?: NameToken[];
  bracketed?: boolean;
}

function fromEntry(entry: VocabEntry, raw: RawToken[]): Item {
  const surface = raw.map((t) => t.latin).join('');
  const kind = entry.kind === 'domain' ? 'word' : entry.kind;
  if (kind === 'number') return { kind, text: entry.key, latin: entry.key, surface };
  const parts = kind === 'word' && raw.length > 1 ? raw.map(partToken) : undefined;
  return { kind, text: entry.key, latin: entry.key, surface, edgeOnly: entry.edgeOnly, parts };
}

// One word of a subject phrase, classified on its own ("corporation" stays a generic word).
function partToken(token: RawToken): NameToken {
  const hit = lookupPhrase([token.text], [token.latin], 0);
  const entry = hit?.[0];
  if (
    entry &&
    (entry.kind === 'generic' || entry.kind === 'legal' || entry.kind === 'domain' || entry.kind === 'particle')
  ) {
    const kind = entry.kind === 'domain' ? 'word' : entry.kind;
    return { kind, text: entry.key, latin: entry.key, surface: token.latin };
  }
  return { kind: 'word', text: token.text, latin: token.latin, surface: token.latin };
}

const INITIAL_SCRIPTS = new Set(['latin', 'cyrillic', 'greek']);

function plainItem(token: RawToken, text: string, latin: string): Item {
  const value = numberValue(latin);
  if (value !== null)
    return { kind: 'number', text: String(value), latin: String(value), surface: token.latin, tens: isTensWord(latin) };
  if (INITIAL_SCRIPTS.has(token.script) && [...text].length === 1)
    return { kind: 'initial', text, latin, surface: token.latin };
  return { kind: 'word', text, latin, surface: token.latin };
}

function classify(raw: RawToken[]): Item[] {
  const texts = raw.map((t) => spellingVariant(t.text));
  const latins = raw.map((t) => spellingVariant(t.latin));
  const items: Item[] = [];
  for (let i = 0; i < raw.length;) {
    const hit = lookupPhrase(texts, latins, i);
    if (hit) {
      const [entry, length] = hit;
      items.push(fromEntry(entry, raw.slice(i, i + length)));
      i += length;
    } else {
      items.push(plainItem(raw[i], texts[i], latins[i]));
      i++;
    }
  }
  // Short legal forms ("co", "sa", "as", "ag") are also ordinary words: only trust them at either end.
  const edgeKinds = new Set(['legal', 'stop', 'title']);
  let lead = 0;
  while (lead < items.length && edgeKinds.has(items[lead].kind)) lead++;
  let trail = items.length - 1;
  while (trail >= 0 && edgeKinds.has(items[trail].kind)) trail--;
  items.forEach((item, index) => {
    if (item.edgeOnly && index >= lead && index <= trail) {
      Object.assign(item, { kind: 'word', text: item.surface, latin: item.surface, edgeOnly: false });
    }
  });
  items.forEach((item, index) => {
    const roman = index > 0 && item.kind === 'word' ? romanValue(item.latin) : null;
    if (roman !== null) Object.assign(item, { kind: 'number', text: String(roman), latin: String(roman) });
  });
  // "forty four", "forty-four", "forty 4" → 44
  const merged: Item[] = [];
  for (const item of items) {
    const previous = merged[merged.length - 1];
    if (previous?.tens && item.kind === 'number' && Number(item.latin) < 10) {
      const value = String(Number(previous.latin) + Number(item.latin));
      Object.assign(previous, { text: value, latin: value, surface: previous.surface + item.surface, tens: false });
    } else {
      merged.push(item);
    }
  }
  return merged;
}

// Words in brackets are usually a qualifier or an alias: "Bank of China (Hong Kong)", "… (SHFT)".
function classifyPart(part: string): Item[] {
  return part.split(/[()（）[\]]/).flatMap((segment, i) => {
    const items = classify(splitWords(segment).map(boundedWord));
    if (i % 2 === 1) for (const item of items) item.bracketed = true;
    return items;
  });
}

const PERSONAL_KINDS = new Set(['word', 'initial', 'particle', 'stop', 'title']);

function isPersonalPart(items: Item[], maxWords: number): boolean {
  const words = items.filter((i) => i.kind === 'word' || i.kind === 'initial').length;
  return words >= 1 && words <= maxWords && items.every((i) => PERSONAL_KINDS.has(i.kind));
}

const ACRONYM_SOURCE_KINDS = new Set<TokenKind>(['word', 'generic', 'number']);

/**
 * Marks a short first or last word that spells the initials of a run of the name's other words, as in
 * "Harbin Institute of Technology (HIT)".
 */
function markOwnAcronyms(tokens: NameToken[]): void {
  if (tokens.length < 3) return;
  for (const at of [0, tokens.length - 1]) {
    const token = tokens[at];
    const acronym = token.latin;
    if (token.kind !== 'word' || acronym.length < 2 || acronym.length > 6 || !/^[a-z]+$/.test(acronym)) continue;
    const others = tokens.map((_, i) => i).filter((i) => i !== at && ACRONYM_SOURCE_KINDS.has(tokens[i].kind));
    for (let i = 0; i + acronym.length <= others.length; i++) {
      const run = others.slice(i, i + acronym.length);
      if (run.map((j) => tokens[j].surface[0]).join('') === acronym) {
        token.acronymOf = run;
        break;
      }
    }
  }
}

// Importers refuse longer words; a word that reaches the matcher some other way (an entry stored before
// the bounds existed) is cut, so no later step grows with its length.
function boundedWord(token: RawToken): RawToken {
  if (token.text.length <= MAX_WORD_LENGTH && token.latin.length <= MAX_WORD_LENGTH) return token;
  return { ...token, text: token.text.slice(0, MAX_WORD_LENGTH), latin: token.latin.slice(0, MAX_WORD_LENGTH) };
}

/**
 * Normalises a name for comparison; see the module comment in index.ts. A name longer than
 * MAX_LISTED_NAME_LENGTH is read up to that length, and only its first `maxWords` words are kept.
 */
export function normalizeName(raw: string, maxWords = MAX_NAME_WORDS): NormalizedName {
  const text = raw.length > MAX_LISTED_NAME_LENGTH ? raw.slice(0, MAX_LISTED_NAME_LENGTH) : raw;
  const parts = text
    .split(/[,，、;；]/)
    .map(classifyPart)
    .filter((items) => items.length > 0);
  let reordered = false;
  let items: Item[];
  if (parts.length === 2 && isPersonalPart(parts[0], 3) && isPersonalPart(parts[1], 4)) {
    items = [...parts[1], ...parts[0]];
    reordered = true;
  } else {
    items = parts.flat();
  }
  const remaining = items.filter((i) => i.kind !== 'stop' && i.kind !== 'title').length;
  let leading = true;
  const tokens: NameToken[] = [];
  for (const item of items) {
    if (item.kind === 'stop') continue;
    if (item.kind === 'title') {
      if (leading && remaining > 0) continue;
      tokens.push({ kind: 'word', text: item.surface, latin: item.surface, surface: item.surface });
      continue;
    }
    leading = false;
    const token: NameToken = { kind: item.kind, text: item.text, latin: item.latin, surface: item.surface };
    if (item.bracketed) token.bracketed = true;
    if (item.kind === 'word') {
      const nick = nicknameGroups(item.latin);
      if (nick) token.nick = nick;
      if (item.parts) token.parts = item.parts;
    }
    tokens.push(token);
  }
  if (tokens.length > maxWords) tokens.length = Math.max(0, maxWords);
  markOwnAcronyms(tokens);
  return {
    raw,
    script: detectScript(text),
    tokens,
    key: lookupKey(tokens),
    distinctive: distinctiveCount(tokens),
    reordered,
  };
}

/** Exact-lookup key of a name's tokens (see NormalizedName.key). */
export function lookupKey(tokens: readonly NameToken[]): string {
  return tokens
    .filter((t) => t.kind !== 'legal' && !t.acronymOf)
    .map((t) => t.latin)
    .sort()
    .join(' ');
}

/** Number of distinctive tokens (see NormalizedName.distinctive). */
export function distinctiveCount(tokens: readonly NameToken[]): number {
  return tokens.filter((t) => (t.kind === 'word' || t.kind === 'number') && !t.acronymOf).length;
}
