import { countryCodeFromName } from '../importers/country-codes';
import { NameToken, NormalizedName, TokenKind, normalizeName } from './normalize';
import { osaDistance, tokenSimilarity } from './similarity';
import { Script } from './text';
import { displayKey } from './vocabulary';

/** How much a distinctive word counts, from how common it is among indexed names (see ScreeningIndex). */
export interface TokenWeights {
  weight(form: string): number;
  /** Whether listed names have this word: a known word is not a typo of another one. */
  known?(form: string): boolean;
}

export interface CompareOptions {
  weights?: TokenWeights;
  /** ISO alpha-2 country of the query, if known. */
  queryCountry?: string | null;
  /** ISO alpha-2 countries of the candidate (listed entity). */
  candidateCountries?: readonly string[];
}

export interface CompareResult {
  score: number;
  reasons: string[];
}

export type PairKind = 'exact' | 'fuzzy' | 'initial' | 'nickname' | 'joined' | 'acronym' | 'legal';

export interface AlignedPair {
  /** Surface forms as written. */
  query: string;
  candidate: string;
  /** Comparison form of the candidate word (the canonical key for generic and subject words). */
  form: string;
  similarity: number;
  kind: PairKind;
  tokenKind: TokenKind;
  /** Position of the candidate word. */
  at: number;
}

export interface MatchDetail {
  score: number;
  /** "original": both names share a non-Latin script and were compared in it. */
  mode: 'original' | 'latin';
  pairs: AlignedPair[];
  queryOnly: string[];
  candidateOnly: string[];
  singleWordCap: boolean;
  /** Countries (alpha-2) that words only the listed institution's name has are names of ("… of Iran"). */
  statedCountries: string[];
}

// Weights when two words agree (match) and when only one side has the word (miss). Generic words
// say little when shared, but a difference in them ("Institute" vs "University") says more.
const WEIGHTS: Record<TokenKind, { match: number; miss: number }> = {
  word: { match: 1, miss: 1 },
  number: { match: 1, miss: 0.5 },
  generic: { match: 0.2, miss: 0.5 },
  legal: { match: 0.1, miss: 0.1 },
  particle: { match: 0.2, miss: 0.2 },
  initial: { match: 0.3, miss: 0.5 },
};
/**
 * Penalty per unit of weight present on one side only, when the other side has nothing left over.
 * Words only the query has cost less: partner names often add a department or campus to a listed name.
 */
const QUERY_EXTRA_PENALTY = 0.25;
const CANDIDATE_EXTRA_PENALTY = 0.4;
/** Penalty per unit of weight that differs on both sides (a substituted word: a different entity). */
const CONFLICT_PENALTY = 2;
/** Word pairs below this similarity are not aligned. */
const MIN_PAIR_SIMILARITY = 0.5;
const INITIAL_SIMILARITY = 0.8;
const NICKNAME_SIMILARITY = 0.9;
const ACRONYM_SIMILARITY = 0.9;
/** Joined words must agree in spelling, not only in sound. */
const MIN_JOIN_SIMILARITY = 0.85;
/** Miss weight of a patronymic that only one name gives. */
const OMITTED_PATRONYMIC = 0.3;
const SINGLE_WORD_CAP = 0.65;
const NO_DISTINCTIVE_FACTOR = 0.5;
const LISTED_ACRONYM_CAP = 0.85;
const DERIVED_ACRONYM_CAP = 0.6;
const COUNTRY_BONUS = 0.05;
/** When the listed institution's own name says it is in another country than the query's. */
const STATED_COUNTRY_PENALTY = 0.15;
/** Factor on the miss weight of bracketed words (see NameToken.bracketed). */
const BRACKETED_MISS = 0.5;
/**
 * Generic words that make a name an institution's: between two institution names, a word that one adds
 * inside the other's name ("Hunan [Normal] University", "Northwestern [Polytechnic] University") names
 * another institution, and a distinctive word must agree nearly exactly ("Hunan"/"Yunnan").
 */
const INSTITUTION_HEADS: ReadonlySet<string> = new Set([
  'university',
  'institute',
  'academy',
  'college',
  'polytechnic',
  'school',
]);
/**
 * Words naming an institution's field. After the head word of the name both share they make another
 * institution ("Zhejiang University [of Technology]", "Nanjing University [of Chinese Medicine]")...
 */
const FIELDS: ReadonlySet<string> = new Set([
  'tech',
  'scientific',
  'eng',
  'education',
  'technology',
  'technological',
  'science',
  'sciences',
  'engineering',
  'medicine',
  'medical',
  'pharmacy',
  'pharmaceutical',
  'economics',
  'finance',
  'financial',
  'business',
  'management',
  'commerce',
  'law',
  'political',
  'politics',
  'arts',
  'studies',
  'languages',
  'agriculture',
  'agricultural',
  'forestry',
  'architecture',
  'mining',
  'petroleum',
  'chemical',
  'chemistry',
  'physics',
  'mathematics',
  'aeronautics',
  'astronautics',
  'aviation',
  'posts',
  'telecommunications',
  'communications',
  'electronic',
  'electronics',
  'information',
  'maritime',
  'ocean',
  'transport',
  'music',
  'sports',
]);
/** ...unless they come with a unit of it: "Peking University Health Science Center", "… School of Physics". */
const UNITS: ReadonlySet<string> = new Set([
  ...INSTITUTION_HEADS,
  'center',
  'lab',
  'hospital',
  'dept',
  'branch',
  'campus',
]);
/** In institution names, distinctive words this similar agree; below, only some single edits (see mayAgree). */
const NEAR_EXACT = 0.9;
/** A single edit in a word at least this long is a typo rather than another place. */
const LONG_WORD = 8;

const PATRONYMIC =
  /^[a-z]{3,}(?:ovich|evich|ovych|evych|ovitch|evitch|ovna|evna|ivna|yevich|ievich|ogly|oglu|uly|kyzy)$/;
const ACRONYM_KINDS: ReadonlySet<TokenKind> = new Set(['word', 'generic', 'initial']);
const CJK: ReadonlySet<Script> = new Set(['han', 'hangul']);

interface Tok {
  kind: TokenKind;
  form: string;
  surface: string;
  match: number;
  miss: number;
  nick?: string[];
  /** Surfaces of the words joined into this one. */
  parts?: string[];
  /** Initials of adjacent words of this name, read as matching a short word of the other name. */
  acronym?: boolean;
  /** This name's own acronym (see NameToken.acronymOf). */
  ownAcronym?: boolean;
  /** Set on the words an own acronym stands for. */
  coveredBy?: Tok;
  /** A Russian-style patronymic: between a given name and the surname ("Sergey Viktorovich Lavrov"). */
  patronymic?: boolean;
  /** Written in brackets (see NameToken.bracketed). */
  bracketed?: boolean;
}

const isPatronymic = (t: Tok): boolean => t.patronymic === true;

function toTok(
  kind: TokenKind,
  form: string,
  surface: string,
  weights: TokenWeights | undefined,
  nick?: string[],
): Tok {
  const base = WEIGHTS[kind];
  const w = kind === 'word' && weights ? weights.weight(form) : base.match;
  return { kind, form, surface, match: w, miss: kind === 'word' ? w : base.miss, nick };
}

function toToks(name: NormalizedName, other: NormalizedName, original: boolean, weights?: TokenWeights): Tok[] {
  const otherForms = new Set(other.tokens.map((t) => (original ? t.text : t.latin)));
  const out: Tok[] = [];
  const byToken: Tok[][] = [];
  for (const t of name.tokens) {
    const form = original ? t.text : t.latin;
    // A subject phrase the other name does not share, but has some words of, is compared word by word.
    const partForm = (p: NameToken): string => (original ? p.text : p.latin);
    const expand = t.parts && !otherForms.has(form) && t.parts.some((p) => otherForms.has(partForm(p)));
    const made = expand
      ? t.parts!.map((p) => toTok(p.kind, partForm(p), p.surface, weights))
      : [toTok(t.kind, form, t.surface, weights, t.nick)];
    if (t.bracketed) {
      for (const tok of made) {
        tok.miss *= BRACKETED_MISS;
        tok.bracketed = true;
      }
    }
    byToken.push(made);
    out.push(...made);
  }
  const words = name.tokens.map((t, i) => (t.kind === 'word' ? i : -1)).filter((i) => i >= 0);
  for (const i of words.slice(1, -1)) {
    if (PATRONYMIC.test(name.tokens[i].surface)) for (const tok of byToken[i]) tok.patronymic = true;
  }
  // A name's own acronym repeats its other words: it counts when the other name has it, never against,
  // and when it matches, the words it stands for are accounted for.
  name.tokens.forEach((t, i) => {
    if (!t.acronymOf) return;
    const acronym = byToken[i][0];
    acronym.miss = 0;
    acronym.ownAcronym = true;
    for (const j of t.acronymOf) for (const source of byToken[j]) source.coveredBy = acronym;
  });
  return out;
}

const isInstitution = (name: NormalizedName): boolean =>
  name.tokens.some((t) => t.kind === 'generic' && INSTITUTION_HEADS.has(t.latin));

/**
 * Whether two distinctive words of institution names may agree without being equal. They must start alike
 * and be nearly equal (doubled letters, one edit in a long word), or be a typo (the query's word is no
 * listed word), or differ as spellings do, by a letter left out or added ("Polus"/"Polyus"). A letter
 * substituted between two real words makes another place: "Hubei"/"Hebei", "Nanyang"/"Nanhang".
 */
function mayAgree(query: string, listed: string, similarity: number, weights?: TokenWeights): boolean {
  if (similarity >= NEAR_EXACT) return true;
  if (query[0] !== listed[0] || osaDistance(query, listed, 1) > 1) return false;
  if (Math.min(query.length, listed.length) >= LONG_WORD || !(weights?.known?.(query) ?? false)) return true;
  return query.length !== listed.length || isTransposition(query, listed);
}

function isTransposition(a: string, b: string): boolean {
  const differ = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return differ.length === 2 && differ[1] === differ[0] + 1 && a[differ[0]] === b[differ[1]];
}

/** `a` is the query's token, `b` the listed name's; `institutions` when both names are institutions. */
function pairSimilarity(
  a: Tok,
  b: Tok,
  cjk: boolean,
  institutions: boolean,
  weights?: TokenWeights,
): [number, PairKind] {
  if (a.acronym || b.acronym) return a.form === b.form ? [ACRONYM_SIMILARITY, 'acronym'] : [0, 'fuzzy'];
  if ((a.ownAcronym || b.ownAcronym) && a.form === b.form) return [1, 'acronym'];
  if (a.form === b.form) return [1, a.kind === 'legal' ? 'legal' : 'exact'];
  const ka = a.kind;
  const kb = b.kind;
  if (ka === 'legal' || kb === 'legal') return ka === kb ? [0.5, 'legal'] : [0, 'fuzzy'];
  if (ka === 'number' || kb === 'number') return [0, 'fuzzy'];
  if (ka === 'initial' || kb === 'initial') {
    if (ka === kb) return [0, 'fuzzy'];
    const [initial, other] = ka === 'initial' ? [a, b] : [b, a];
    const agrees = other.kind !== 'generic' && (other.form[0] === initial.form || other.surface[0] === initial.form);
    return agrees ? [INITIAL_SIMILARITY, 'initial'] : [0, 'fuzzy'];
  }
  if (cjk) return [0, 'fuzzy'];
  if (ka === 'generic' || kb === 'generic') {
    // A misspelt generic word ("Univeristy") is a plain word on one side.
    return ka === kb ? [0, 'fuzzy'] : [tokenSimilarity(a.surface, b.surface) * 0.9, 'fuzzy'];
  }
  let similarity = tokenSimilarity(a.form, b.form);
  if (similarity < 1 && (a.form !== a.surface || b.form !== b.surface)) {
    similarity = Math.max(similarity, tokenSimilarity(a.surface, b.surface));
  }
  if (similarity < NICKNAME_SIMILARITY && a.nick && b.nick && a.nick.some((g) => b.nick!.includes(g))) {
    return [NICKNAME_SIMILARITY, 'nickname'];
  }
  if (ka === 'particle' || kb === 'particle') similarity *= 0.9;
  if (
    institutions &&
    similarity < 1 &&
    ka === 'word' &&
    kb === 'word' &&
    !mayAgree(a.form, b.form, similarity, weights) &&
    !mayAgree(a.surface, b.surface, similarity, weights)
  ) {
    return [0, 'fuzzy'];
  }
  return [similarity, 'fuzzy'];
}

/**
 * Joins adjacent words of `side` when the joined form matches a word of `other` better than its parts:
 * "Siemens AG" / "SiemensAG", "Good Will" / "Goodwill", "Xi Jin Ping" / "Xi Jinping"; and reads a short
 * word of `other` as the initials of adjacent words: "HIT" / "Harbin Institute of Technology".
 */
function joinSplitWords(side: Tok[], other: Tok[]): Tok[] {
  if (side.length < 2) return side;
  const sideForms = new Set(side.map((t) => t.form));
  const unmatched = other.filter((t) => (t.kind === 'word' || t.kind === 'generic') && !sideForms.has(t.form));
  let tokens = joinInitialisms(side, unmatched, new Set(other.map((t) => t.form)));
  const targets = unmatched.filter((t) => t.surface.length >= 4);
  if (targets.length === 0) return tokens;
  for (let changed = true; changed;) {
    changed = false;
    search: for (let length = 3; length >= 2; length--) {
      for (let i = 0; i + length <= tokens.length; i++) {
        const parts = tokens.slice(i, i + length);
        if (parts.some((p) => p.kind === 'number')) continue;
        const joined = parts.map((p) => p.surface).join('');
        for (const target of targets) {
          if (Math.abs(joined.length - target.surface.length) > 3 || joined[0] !== target.surface[0]) continue;
          const similarity = tokenSimilarity(joined, target.surface);
          if (similarity < MIN_JOIN_SIMILARITY) continue;
          const best = Math.max(...parts.map((p) => tokenSimilarity(p.surface, target.surface)));
          if (similarity <= best) continue;
          const weight = Math.max(...parts.map((p) => p.match), WEIGHTS.word.match * 0.5);
          const merged: Tok = {
            kind: 'word',
            form: joined,
            surface: joined,
            match: weight,
            miss: weight,
            parts: parts.map((p) => p.surface),
          };
          tokens = [...tokens.slice(0, i), merged, ...tokens.slice(i + length)];
          // The target compares by surface too, so the joined token meets it on equal terms.
          if (target.form !== target.surface) target.form = target.surface;
          changed = true;
          break search;
        }
      }
    }
  }
  return tokens;
}

function joinInitialisms(side: Tok[], targets: Tok[], otherForms: Set<string>): Tok[] {
  let tokens = side;
  for (const target of targets) {
    const acronym = target.surface;
    if (
      target.kind !== 'word' ||
      target.ownAcronym ||
      acronym.length < 3 ||
      acronym.length > 6 ||
      !/^[a-z]+$/.test(acronym)
    )
      continue;
    const n = acronym.length;
    for (let i = 0; i + n <= tokens.length; i++) {
      const parts = tokens.slice(i, i + n);
      if (!parts.every((p) => ACRONYM_KINDS.has(p.kind) && !p.parts && !otherForms.has(p.form))) continue;
      // Institutions go by their initials ("HIT", "BIT"); people and most companies do not.
      if (!parts.some((p) => p.kind === 'generic') || parts.map((p) => p.surface[0]).join('') !== acronym) continue;
      const weight = Math.max(...parts.map((p) => p.match));
      target.form = acronym;
      const merged: Tok = {
        kind: 'word',
        form: acronym,
        surface: parts.map((p) => p.surface).join(' '),
        match: weight,
        miss: weight,
        parts: parts.map((p) => p.surface),
        acronym: true,
      };
      tokens = [...tokens.slice(0, i), merged, ...tokens.slice(i + n)];
      break;
    }
  }
  return tokens;
}

/** Scores two normalised names; the detail feeds `explain`. */
export function compareNormalized(
  query: NormalizedName,
  candidate: NormalizedName,
  weights?: TokenWeights,
): MatchDetail {
  const original = query.script === candidate.script && query.script !== 'latin';
  const cjk = original && CJK.has(query.script);
  const queryToks = toToks(query, candidate, original, weights);
  const candidateToks = toToks(candidate, query, original, weights);
  let a = queryToks;
  let b = candidateToks;
  if (!cjk) {
    a = joinSplitWords(a, b);
    b = joinSplitWords(b, a);
  }

  const institutions = isInstitution(query) && isInstitution(candidate);
  const candidates: Array<[number, number, number, PairKind]> = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const [similarity, kind] = pairSimilarity(a[i], b[j], cjk, institutions, weights);
      if (similarity >= MIN_PAIR_SIMILARITY || (kind === 'legal' && similarity > 0))
        candidates.push([similarity, i, j, kind]);
    }
  }
  candidates.sort((x, y) => y[0] - x[0] || a[y[1]].match + b[y[2]].match - (a[x[1]].match + b[x[2]].match));

  const usedA = new Array<boolean>(a.length).fill(false);
  const usedB = new Array<boolean>(b.length).fill(false);
  const pairs: AlignedPair[] = [];
  let matched = 0;
  let matchedWeight = 0;
  // An initial explains only a little of the word it stands for ("P." for "Putin"); the rest of the
  // word counts as missing on its side.
  let leftoverA = 0;
  let leftoverB = 0;
  for (const [similarity, i, j, kind] of candidates) {
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = usedB[j] = true;
    let weight = (a[i].match + b[j].match) / 2;
    if (kind === 'initial') {
      weight = WEIGHTS.initial.match;
      if (a[i].kind === 'initial') leftoverB += Math.max(0, b[j].miss - weight);
      else leftoverA += Math.max(0, a[i].miss - weight);
    }
    matched += weight * similarity;
    matchedWeight += weight;
    const pairKind = kind === 'fuzzy' && (a[i].parts || b[j].parts) ? 'joined' : kind;
    pairs.push({
      query: a[i].surface,
      candidate: b[j].surface,
      form: b[j].form,
      similarity,
      kind: pairKind,
      tokenKind: a[i].kind === 'initial' ? b[j].kind : a[i].kind,
      at: j,
    });
  }
  pairs.sort((x, y) => x.at - y.at);
  const matchedToks = new Set<Tok>([...a.filter((_, i) => usedA[i]), ...b.filter((_, j) => usedB[j])]);
  const covered = (t: Tok): boolean => t.coveredBy !== undefined && matchedToks.has(t.coveredBy);
  const queryOnly = a.filter((t, i) => !usedA[i] && !covered(t));
  const candidateOnly = b.filter((t, j) => !usedB[j] && !covered(t));
  // A patronymic only one name gives is often just left out; two different patronymics contradict.
  const patronymicA = queryOnly.some(isPatronymic);
  const patronymicB = candidateOnly.some(isPatronymic);
  const missOf = (t: Tok, otherHasOne: boolean): number =>
    !otherHasOne && isPatronymic(t) ? Math.min(t.miss, OMITTED_PATRONYMIC) : t.miss;
  // Between institutions, a word one name has inside the span of the words both share names another
  // institution: it conflicts, wherever the other name has nothing left over. Words after the shared
  // span (a campus, a department) stay extra words. A university is not a company either: the query's
  // "University" conflicts with a listed name that names no institution.
  const headOnlyInQuery = isInstitution(query) && !isInstitution(candidate);
  const insideA = institutions
    ? inside(a, usedA)
    : (t: Tok) => headOnlyInQuery && t.kind === 'generic' && INSTITUTION_HEADS.has(t.form);
  const insideB = institutions ? inside(b, usedB) : () => false;
  // Only the query's field words: "Sharif University" is the listed "Sharif University of Technology" written
  // short, but "Zhejiang University of Technology" is not the listed "Zhejiang University".
  const fieldA = institutions ? field(a, usedA) : () => false;
  const renamesA = (t: Tok): boolean => insideA(t) || fieldA(t);
  const renamesB = insideB;
  // A word that makes another institution weighs as a distinctive word, also a generic one ("Technology").
  const renamed = [...queryOnly.filter(renamesA), ...candidateOnly.filter(renamesB)].reduce(
    (n, t) => n + Math.max(t.miss, WEIGHTS.word.miss),
    0,
  );
  const missA = leftoverA + queryOnly.filter((t) => !renamesA(t)).reduce((n, t) => n + missOf(t, patronymicB), 0);
  const missB = leftoverB + candidateOnly.filter((t) => !renamesB(t)).reduce((n, t) => n + missOf(t, patronymicA), 0);
  const conflict = Math.min(missA, missB) + renamed;
  const extraPenalty =
    missA > missB ? QUERY_EXTRA_PENALTY * (missA - missB) : CANDIDATE_EXTRA_PENALTY * (missB - missA);

  let score = matched > 0 ? matched / (matchedWeight + CONFLICT_PENALTY * conflict + extraPenalty) : 0;
  // Initials, generic words and legal forms alone do not identify anybody.
  const identifying = pairs.filter(
    (p) => p.kind !== 'initial' && p.kind !== 'legal' && (p.tokenKind === 'word' || p.tokenKind === 'number'),
  );
  if (identifying.length === 0 && (query.distinctive > 0 || candidate.distinctive > 0)) score *= NO_DISTINCTIVE_FACTOR;
  // An acronym alone is ambiguous: a listed acronym ("NUDT") is worth a look, initials we derived
  // ourselves ("HIT" for Harbin Institute of Technology) only a weak hint.
  if (identifying.length > 0 && identifying.every((p) => p.kind === 'acronym')) {
    const listed = identifying.every((p) => p.similarity === 1);
    score = Math.min(score, listed ? LISTED_ACRONYM_CAP : DERIVED_ACRONYM_CAP);
  }
  const candidateWords = candidateToks.filter((t) => t.kind !== 'legal');
  const queryDistinctive = queryToks.filter((t) => (t.kind === 'word' || t.kind === 'number') && !t.ownAcronym).length;
  const oneWordName =
    candidateWords.length === 1 && (candidateWords[0].kind === 'word' || candidateWords[0].kind === 'number');
  // A one-word listed name ("Toronto", a vessel; "Khalifa", an alias of a person) is not an institution's
  // name: "University of Toronto" shares only its word; nor does a word that only sounds alike identify
  // anything when the query says more ("Scripps Research" / "Scorpius").
  const fuzzyOnly = pairs.every((p) => p.similarity < 1);
  const queryWords = queryToks.filter((t) => t.kind !== 'legal').length;
  const singleWordCap =
    oneWordName &&
    (queryDistinctive > 1 || isInstitution(query) || (fuzzyOnly && queryWords > 1)) &&
    score > SINGLE_WORD_CAP;
  if (singleWordCap) score = SINGLE_WORD_CAP;

  const shown = (t: Tok): boolean => t.kind !== 'legal' && t.kind !== 'particle' && !t.ownAcronym;
  const statedCountries = isInstitution(candidate)
    ? candidateOnly
        .filter((t) => t.kind === 'word')
        .map((t) => countryCodeFromName(t.surface))
        .filter((code): code is string => code !== undefined)
    : [];
  return {
    score: Math.min(1, Math.max(0, score)),
    mode: original ? 'original' : 'latin',
    pairs,
    queryOnly: queryOnly.filter(shown).map(display),
    candidateOnly: candidateOnly.filter(shown).map(display),
    singleWordCap,
    statedCountries,
  };
}

/**
 * Whether an unmatched token of `side` lies between its first and last matched tokens, and names something:
 * a distinctive word, an institution's kind ("Polytechnic") or field ("Engineering"); not a bracketed
 * qualifier.
 */
function inside(side: Tok[], used: boolean[]): (t: Tok) => boolean {
  const first = used.indexOf(true);
  const last = used.lastIndexOf(true);
  return (t: Tok): boolean => {
    const at = side.indexOf(t);
    if (at <= first || at >= last || t.bracketed) return false;
    if (t.kind === 'word' || t.kind === 'number') return true;
    return t.kind === 'generic' && (INSTITUTION_HEADS.has(t.form) || FIELDS.has(t.form));
  };
}

/**
 * Whether an unmatched token of `side` is in the words that follow its last shared word when that is the
 * head ("University") and they name a field, not a unit: "Zhejiang University [of Technology]".
 */
function field(side: Tok[], used: boolean[]): (t: Tok) => boolean {
  const last = used.lastIndexOf(true);
  const head = side[last];
  if (!head || head.kind !== 'generic' || !INSTITUTION_HEADS.has(head.form)) return () => false;
  const after = side.slice(last + 1);
  const names = (t: Tok, words: ReadonlySet<string>): boolean => words.has(t.form) || words.has(t.surface);
  if (after.some((t) => names(t, UNITS)) || !after.some((t) => names(t, FIELDS))) return () => false;
  const run = new Set(after.filter((t, i) => !used[last + 1 + i] && !t.bracketed));
  return (t: Tok): boolean => run.has(t);
}

function display(t: Tok): string {
  return t.kind === 'generic' ? displayKey(t.form) : t.surface;
}

const SCRIPT_NAMES: Record<Script, string> = {
  latin: 'Latin',
  cyrillic: 'Cyrillic',
  greek: 'Greek',
  han: 'Chinese',
  hangul: 'Korean',
  kana: 'Japanese',
  arabic: 'Arabic',
  hebrew: 'Hebrew',
  thai: 'Thai',
  other: 'non-Latin',
};

// "NUDT" for a listed acronym; "HIT ~ harbin institute technology" for initials read from words.
function describeAcronym(p: AlignedPair): string {
  const short = (word: string): boolean => !word.includes(' ');
  if (short(p.query) && short(p.candidate)) return p.query.toUpperCase();
  return short(p.query) ? `${p.query.toUpperCase()} ~ ${p.candidate}` : `${p.candidate.toUpperCase()} ~ ${p.query}`;
}

function describeInitial(p: AlignedPair): string {
  return p.query.length === 1 ? `${p.query}. ~ ${p.candidate}` : `${p.candidate}. ~ ${p.query}`;
}

/** Short human-readable reasons for a comparison, for reviewers. */
export function explain(detail: MatchDetail, query: NormalizedName, candidate: NormalizedName): string[] {
  const reasons: string[] = [];
  if (detail.mode === 'original') {
    reasons.push('original script match');
  } else if (query.script !== candidate.script) {
    const scripts = [query.script, candidate.script].filter((s) => s !== 'latin').map((s) => SCRIPT_NAMES[s]);
    reasons.push(`compared by transliteration (${scripts.join(', ')})`);
  }
  if (query.key === candidate.key && query.key) reasons.push('same name after normalisation');
  const common = detail.pairs
    .filter((p) => p.kind === 'exact' && p.tokenKind !== 'particle')
    .map((p) => displayKey(p.form));
  if (common.length) reasons.push(`words in common: ${common.join(', ')}`);
  const similar = detail.pairs.filter((p) => p.kind === 'fuzzy' || p.kind === 'nickname' || p.kind === 'joined');
  if (similar.length) {
    const described = similar.map((p) => `${p.query} ~ ${p.candidate}${p.kind === 'nickname' ? ' (nickname)' : ''}`);
    reasons.push(`similar words: ${described.join(', ')}`);
  }
  const acronyms = detail.pairs.filter((p) => p.kind === 'acronym');
  if (acronyms.length) reasons.push(`acronym: ${acronyms.map(describeAcronym).join(', ')}`);
  const initials = detail.pairs.filter((p) => p.kind === 'initial');
  if (initials.length) reasons.push(`initials: ${initials.map(describeInitial).join(', ')}`);
  if (detail.queryOnly.length) reasons.push(`only in the query: ${detail.queryOnly.join(', ')}`);
  if (detail.candidateOnly.length) reasons.push(`only in the listed name: ${detail.candidateOnly.join(', ')}`);
  if (detail.singleWordCap)
    reasons.push('single-word name: kept below 0.7 because the query has more distinctive words');
  return reasons;
}

/**
 * Small bonus when the query's country is one of the candidate's, small penalty when it is not; a larger
 * penalty when the listed institution's name itself names another country (`stated`, see MatchDetail).
 */
export function countryAdjustment(
  queryCountry: string | null | undefined,
  countries: readonly string[] | undefined,
  stated: readonly string[] = [],
): { delta: number; reason: string | null } {
  if (!queryCountry) return { delta: 0, reason: null };
  const wanted = queryCountry.toUpperCase();
  const other = stated.find((code) => code !== wanted);
  if (other) {
    return {
      delta: -STATED_COUNTRY_PENALTY,
      reason: `country differs (query ${wanted}, the listed name says ${other})`,
    };
  }
  if (!countries || countries.length === 0) return { delta: 0, reason: null };
  if (countries.some((c) => c.toUpperCase() === wanted))
    return { delta: COUNTRY_BONUS, reason: `country agrees (${wanted})` };
  return { delta: -COUNTRY_BONUS, reason: `country differs (query ${wanted}, listed ${countries.join(', ')})` };
}

/** Compares a query name with a candidate name: score 0..1 and reasons. */
export function compareNames(
  query: string | NormalizedName,
  candidate: string | NormalizedName,
  options: CompareOptions = {},
): CompareResult {
  const q = typeof query === 'string' ? normalizeName(query) : query;
  const c = typeof candidate === 'string' ? normalizeName(candidate) : candidate;
  const detail = compareNormalized(q, c, options.weights);
  const reasons = explain(detail, q, c);
  let score = detail.score;
  if (score > 0) {
    const country = countryAdjustment(options.queryCountry, options.candidateCountries, detail.statedCountries);
    if (country.reason) {
      score = Math.min(1, Math.max(0, score + country.delta));
      reasons.push(country.reason);
    }
  }
  return { score: round(score), reasons };
}

export function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
