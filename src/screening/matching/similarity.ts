/** Jaro similarity of two strings (UTF-16 code units), 0..1. */
export function jaro(a: string, b: string): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedA = new Array<boolean>(a.length).fill(false);
  const matchedB = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const end = Math.min(b.length - 1, i + range);
    for (let j = Math.max(0, i - range); j <= end; j++) {
      if (!matchedB[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = matchedB[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[j]) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  return (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
}

/** Jaro-Winkler: Jaro boosted by a common prefix (up to `prefixSize`) once Jaro exceeds `boostThreshold`. */
export function jaroWinkler(a: string, b: string, boostThreshold = 0.7, prefixSize = 4): number {
  const j = jaro(a, b);
  if (j <= boostThreshold) return j;
  const limit = Math.min(prefixSize, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a[prefix] === b[prefix]) prefix++;
  return j + 0.1 * prefix * (1 - j);
}

// Rows reused across calls: the distance runs for every word pair of every scored candidate.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions ("Schloz" → "Scholz").
 * Stops early and returns max + 1 once the distance must exceed `max`.
 */
export function osaDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length * 2);
    rowB = new Int32Array(b.length * 2);
    rowC = new Int32Array(b.length * 2);
  }
  let prevPrev = rowA;
  let prev = rowB;
  let current = rowC;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = Math.min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, prevPrev[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const spare = prevPrev;
    prevPrev = prev;
    prev = current;
    current = spare;
  }
  return prev[b.length];
}

const VOWELS = /[aeiouy]/;

/**
 * A coarse phonetic key for Latin-script words: the first letter (any vowel as "a"), then the
 * consonants with similar sounds merged and doubles collapsed. "Mohammed", "Muhammad" → "mmt";
 * "Usama", "Osama" → "asm"; "Wladimir", "Vladimir" → "vltmr".
 */
export function phoneticKey(word: string): string {
  const w = word
    .replace(/ph/g, 'f')
    .replace(/[cs]ch/g, 's')
    .replace(/sh/g, 's')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/[cqg]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/d/g, 't');
  if (!w) return '';
  let key = VOWELS.test(w[0]) ? 'a' : w[0];
  let last = key;
  for (let i = 1; i < w.length; i++) {
    const ch = w[i];
    if (VOWELS.test(ch) || ch === 'h' || (ch === 'v' && VOWELS.test(w[i - 1] ?? ''))) {
      last = '';
      continue;
    }
    if (ch !== last) key += ch;
    last = ch;
  }
  return key;
}

const DIGITS = /^\d+$/;
const FUZZY_SLOPE = 1.5;
const DOUBLED_LETTER_SIMILARITY = 0.9;
const PHONETIC_SIMILARITY = 0.8;
const MAX_PHONETIC_EDITS = 3;

const collapseDoubles = (word: string): string => word.replace(/(.)\1+/g, '$1');
const MIXED = /^(?=.*\d)(?=.*[a-z])[a-z\d]+$/;
const LEET = new Map(
  Object.entries({ '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' }),
);
const unleet = (word: string): string => (MIXED.test(word) ? word.replace(/\d/g, (d) => LEET.get(d) ?? d) : word);

/** Edits tolerated in a word of this length before two words count as different. */
function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

// Phonetic keys are asked for the same words over and over while scoring candidates.
const phoneticCache = new Map<string, string>();
function cachedPhoneticKey(word: string): string {
  let key = phoneticCache.get(word);
  if (key === undefined) {
    if (phoneticCache.size > 200_000) phoneticCache.clear();
    key = phoneticKey(word);
    phoneticCache.set(word, key);
  }
  return key;
}

/**
 * Similarity of two words, 0..1: 1 when equal; 1 - 1.5 × edits/length within the typo tolerance for
 * their length; 0.9 when they differ only in doubled letters; 0.8 when only the phonetic keys agree;
 * else 0. Numbers must be equal. Digits inside words are also read as letters ("Sech1n").
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  const shortest = Math.min(a.length, b.length);
  if (shortest < 2 || DIGITS.test(a) || DIGITS.test(b)) return 0;
  const allowed = allowedEdits(longest);
  const distance = osaDistance(a, b, allowed);
  let score = distance <= allowed ? Math.max(0, 1 - (FUZZY_SLOPE * distance) / longest) : 0;
  if (score < DOUBLED_LETTER_SIMILARITY && a[0] === b[0] && collapseDoubles(a) === collapseDoubles(b)) {
    score = DOUBLED_LETTER_SIMILARITY;
  }
  if (score < 0.9 && (MIXED.test(a) || MIXED.test(b))) {
    const [la, lb] = [unleet(a), unleet(b)];
    if (la !== a || lb !== b) score = Math.max(score, 0.95 * tokenSimilarity(la, lb));
  }
  if (score < PHONETIC_SIMILARITY && longest >= 6 && shortest >= 4 && longest - shortest <= MAX_PHONETIC_EDITS) {
    // Same sound, different spelling ("Mohamed"/"Muhammad", "Zelenskyy"/"Selenskyj"); the edit limit
    // keeps coarse keys from pairing unrelated words ("Zurich"/"Shargh").
    const key = cachedPhoneticKey(a);
    const edits = Math.min(MAX_PHONETIC_EDITS, Math.floor(0.45 * longest));
    if (key.length >= 3 && key === cachedPhoneticKey(b) && osaDistance(a, b, edits) <= edits) {
      score = PHONETIC_SIMILARITY;
    }
  }
  return score;
}

// --- Reference implementation of moov-io/watchman's token Jaro-Winkler (BestPairsJaroWinkler),
// used by the quality benchmark as a baseline and checked against watchman's golden cases. It works on
// UTF-8 bytes, as the Go original does. In the version the golden cases come from (@ d299005f) the
// first-letter phonetic filter has replaced the older different-first-letter penalty.

const SOUNDEX_CLASS = new Map<string, string>();
for (const [cls, letters] of Object.entries({
  A: 'AEIOUY',
  B: 'BFPV',
  C: 'CGJKQSXZ',
  D: 'DT',
  L: 'L',
  M: 'MN',
  R: 'R',
  H: 'HW',
})) {
  for (const letter of letters) SOUNDEX_CLASS.set(letter, cls);
}

function firstPhoneticClass(token: string): string {
  const first = [...token][0]?.toUpperCase() ?? ' ';
  return SOUNDEX_CLASS.get(first) ?? first;
}

function byteString(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1');
}

function watchmanTokenScore(indexed: string, search: string): number {
  let score = jaroWinkler(indexed, search, 0.7, 4);
  const ratio = Math.min(indexed.length, search.length) / Math.max(indexed.length, search.length);
  if (ratio < 0.9) score *= 1 - (1 - ratio) * 0.3;
  return score;
}

/** watchman's BestPairsJaroWinkler(searchTokens, indexedTokens), whitespace-separated inputs. */
export function watchmanBestPairsJaroWinkler(search: string, indexed: string): number {
  const searchTokens = search.split(/\s+/).filter(Boolean);
  const indexedTokens = indexed.split(/\s+/).filter(Boolean);
  if (searchTokens.length === 0 || indexedTokens.length === 0) return 0;
  const sBytes = searchTokens.map(byteString);
  const iBytes = indexedTokens.map(byteString);
  const scores: Array<[number, number, number]> = [];
  searchTokens.forEach((s, si) =>
    indexedTokens.forEach((t, ii) => {
      if (firstPhoneticClass(s) === firstPhoneticClass(t))
        scores.push([watchmanTokenScore(iBytes[ii], sBytes[si]), si, ii]);
    }),
  );
  scores.sort((x, y) => y[0] - x[0]);
  const usedSearch = new Set<number>();
  const usedIndexed = new Set<number>();
  let weighted = 0;
  let matchedIndexedLength = 0;
  for (const [score, si, ii] of scores) {
    if (usedSearch.has(si) || usedIndexed.has(ii)) continue;
    usedSearch.add(si);
    usedIndexed.add(ii);
    weighted += score * (sBytes[si].length + iBytes[ii].length);
    matchedIndexedLength += iBytes[ii].length;
  }
  const searchLength = sBytes.reduce((n, t) => n + t.length, 0);
  const indexedLength = iBytes.reduce((n, t) => n + t.length, 0);
  if (searchLength + matchedIndexedLength === 0) return 0;
  const average = weighted / (searchLength + matchedIndexedLength);
  const matchedFraction = matchedIndexedLength / indexedLength;
  return average * (1 - (1 - matchedFraction) * 0.15);
}
