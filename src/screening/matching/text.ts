import anyAscii from 'any-ascii';

export type Script =
  'latin' | 'cyrillic' | 'greek' | 'han' | 'hangul' | 'kana' | 'arabic' | 'hebrew' | 'thai' | 'other';

/** One word as written, before any vocabulary lookup. */
export interface RawToken {
  /** Lower-case, accents removed (Latin, Cyrillic, Greek), original script. */
  text: string;
  /** ASCII transliteration (any-ascii), lower-case letters and digits only. */
  latin: string;
  script: Script;
}

const SCRIPT_TESTS: Array<[Script, RegExp]> = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['han', /\p{Script=Han}/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['thai', /\p{Script=Thai}/u],
];

const LETTER = /\p{L}/u;

/** Script of one character, or null for digits, marks and punctuation. */
export function charScript(ch: string): Script | null {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? 'latin' : null;
  if (!LETTER.test(ch) && ch !== '\u30fc') return null;
  for (const [script, test] of SCRIPT_TESTS) if (test.test(ch)) return script;
  return 'other';
}

/** Dominant script of a name: the most frequent non-Latin script if there is one, else Latin. */
export function detectScript(value: string): Script {
  const counts = new Map<Script, number>();
  for (const ch of value) {
    const script = charScript(ch);
    if (script && script !== 'latin') counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  let best: Script = 'latin';
  let bestCount = 0;
  for (const [script, count] of counts) {
    if (count > bestCount) {
      best = script;
      bestCount = count;
    }
  }
  // Japanese mixes kanji with kana; treat any kana as Japanese so kanji-only aliases still compare by script.
  if (best === 'han' && counts.has('kana')) return 'kana';
  return best;
}

const isCjk = (script: Script | null): boolean => script === 'han' || script === 'hangul' || script === 'kana';

const COMBINING = /[\u0300-\u036f]/g;
const ARABIC_VOWEL_MARKS = /[\u064b-\u065f\u0670\u06d6-\u06ed]/g;

function foldText(value: string, script: Script): string {
  if (script === 'cyrillic' || script === 'greek' || script === 'latin') {
    return value.normalize('NFD').replace(COMBINING, '').normalize('NFC');
  }
  if (script === 'arabic') return value.replace(ARABIC_VOWEL_MARKS, '');
  return value;
}

/** ASCII form of a word: any-ascii, lower-case, letters and digits only. */
export function toLatin(value: string): string {
  return anyAscii(value)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function makeToken(raw: string, script: Script): RawToken | null {
  const folded = foldText(raw, script);
  const latin = toLatin(folded);
  if (script === 'latin') return latin ? { text: latin, latin, script } : null;
  if (!folded) return null;
  return { text: folded, latin: latin || folded, script };
}

/**
 * Splits one run of letters and digits: every Han and Hangul character is its own token (so that
 * "北京大学" can be compared character by character and "大学" found as a word), kana stays together,
 * and other scripts stay whole (mixed Latin/Cyrillic words are usually homoglyph spellings).
 */
function splitRuns(piece: string, out: RawToken[]): void {
  let current = '';
  let currentScript: Script | null = null;
  let currentCjk = false;
  const flush = (): void => {
    if (current) {
      const token = makeToken(current, currentScript ?? 'latin');
      if (token) out.push(token);
    }
    current = '';
    currentScript = null;
  };
  for (const ch of piece) {
    const script = charScript(ch);
    if (script === 'han' || script === 'hangul') {
      flush();
      const token = makeToken(ch, script);
      if (token) out.push(token);
      currentCjk = false;
      continue;
    }
    const cjk = isCjk(script);
    if (current && script !== null && cjk !== currentCjk) flush();
    if (script !== null && (currentScript === null || currentScript === 'latin')) currentScript = script;
    if (script !== null) currentCjk = cjk;
    current += ch;
  }
  flush();
}

const DOTTED_INITIALISM = /^(?:\p{L}\.)+\p{L}?$/u;

/**
 * Splits a name (or one comma-separated part of it) into words: case folded, accents removed,
 * "&" read as "and", apostrophes dropped ("Qa'ida" → "qaida", "Poor's" → "poor"), hyphenated words
 * split, dotted initialisms joined ("A.B.C." → "abc", "L.L.C." → "llc").
 */
export function splitWords(value: string): RawToken[] {
  const out: RawToken[] = [];
  const cleaned = value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/&/g, ' and ')
    .replace(/(\p{L})['’ʼ]s(?![\p{L}\p{N}])/gu, '$1')
    .replace(/['’‘`´ʼʻ]/g, '');
  for (const chunk of cleaned.split(/[^\p{L}\p{N}\p{M}.-]+/u)) {
    if (!chunk) continue;
    for (const part of chunk.split('-')) {
      if (!part) continue;
      if (DOTTED_INITIALISM.test(part)) {
        splitRuns(part.replace(/\./g, ''), out);
        continue;
      }
      for (const piece of part.split('.')) if (piece) splitRuns(piece, out);
    }
  }
  return out;
}
