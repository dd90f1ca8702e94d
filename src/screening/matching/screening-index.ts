import { TokenWeights, compareNormalized, countryAdjustment, explain, round } from './compare';
import { NormalizedName, normalizeName } from './normalize';
import { phoneticKey, tokenSimilarity } from './similarity';
import { isVocabularyWord } from './vocabulary';

export type ListKind = 'sanctions' | 'export_control' | 'assessment';

export interface IndexEntry {
  id: string;
  listName: string;
  listKind: ListKind;
  /** The listed primary name. */
  entityName: string;
  /** Primary name and aliases, in any script. The primary name is added if missing. */
  names: string[];
  /** ISO 3166-1 alpha-2 codes. */
  countries: string[];
}

export interface MatchHit {
  entryId: string;
  list: string;
  listKind: ListKind;
  entityName: string;
  /** The name or alias that matched. */
  matchedName: string;
  /** The entry's country that agreed with the query's, else its first country, else null. */
  country: string | null;
  score: number;
  reasons: string[];
}

export interface SearchOptions {
  country?: string | null;
  limit?: number;
  minScore?: number;
  /** Filled with the work the search did (for tests and benchmarks). */
  stats?: SearchStats;
}

/** The work one search did; every figure has a fixed upper bound whatever the query. */
export interface SearchStats {
  /** Words of the query compared (at most MAX_QUERY_WORDS). */
  queryWords: number;
  /** Query words whose postings gathered candidates (at most MAX_CANDIDATE_WORDS). */
  candidateWords: number;
  /** Name ids read from postings (at most MAX_POSTINGS_VISITED). */
  postingsVisited: number;
  /** Names scored with compareNormalized (at most MAX_SCORED, plus exact-key matches). */
  candidatesScored: number;
  /** Sum over scored names of query words × name words (at most MAX_WORD_PAIRS, plus exact-key matches). */
  wordPairs: number;
}

interface IndexedName {
  entryId: string;
  value: string;
  norm: NormalizedName;
  forms: string[];
}

interface StoredEntry {
  entry: IndexEntry;
  nameIds: number[];
}

// Word weights from document frequency: a word in at most 1 in 500 names weighs 1; more common
// words weigh less, down to 0.3. SMOOTHING keeps a small index (tests, a single list) from treating
// a word in 2 of 10 names as common.
const RARE_FRACTION = 0.002;
const WEIGHT_SLOPE = 0.15;
const MIN_WEIGHT = 0.3;
const SMOOTHING = 5000;

// Bounds on the work of one search, whatever the query: a name of the lists' most frequent words costs
// about as much as an ordinary one.
/** Words of a query that are compared; the rest of a very long query is ignored. */
export const MAX_QUERY_WORDS = 40;
/** Query words that gather candidates: the most selective ones (in the fewest names). */
export const MAX_CANDIDATE_WORDS = 12;
/** Name ids read from postings per query; the postings of the most selective words are read first. */
export const MAX_POSTINGS_VISITED = 20_000;
/** Names scored per query, chosen by how much of the query's weight they share. */
export const MAX_SCORED = 250;
/** Query words × name words over the scored names: long names are scored fewer at a time. */
export const MAX_WORD_PAIRS = 20_000;
/** Words longer than this get no one-edit neighbours in the index (typos are still found by sound). */
export const MAX_FUZZY_WORD_LENGTH = 32;
const MIN_SHARE = 0.2;
/** Postings longer than this are skipped for candidate generation when rarer query words exist. */
const COMMON_POSTING = 2500;
const MIN_FUZZY_LENGTH = 4;

const hasDeletions = (form: string): boolean =>
  form.length >= MIN_FUZZY_LENGTH && form.length <= MAX_FUZZY_WORD_LENGTH && !/^\d+$/.test(form);

function deletions(form: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < form.length; i++) out.push(form.slice(0, i) + form.slice(i + 1));
  return out;
}

const isAsciiWord = (form: string): boolean => /^[a-z]+$/.test(form);

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/**
 * In-memory index of listed names. Search looks up the exact normalised name, gathers candidates from an
 * inverted index over distinctive words (plus words one edit away, same phonetic key, and split or
 * joined words), and scores only the best-supported candidates with compareNormalized.
 */
export class ScreeningIndex {
  private readonly entries = new Map<string, StoredEntry>();
  private readonly names: Array<IndexedName | undefined> = [];
  private readonly freeIds: number[] = [];
  private readonly exact = new Map<string, Set<number>>();
  private readonly postings = new Map<string, Set<number>>();
  private readonly deletionIndex = new Map<string, Set<string>>();
  private readonly phoneticIndex = new Map<string, Set<string>>();
  private liveNames = 0;
  /** Word weights as of the last change; cleared by add and remove. */
  private readonly weightCache = new Map<string, number>();

  /** Word weights from this index's names, for compareNames outside the index. */
  readonly weights: TokenWeights = { weight: (form: string) => this.weightOf(form) };

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }

  /** Number of distinct names (primary names and aliases) indexed. */
  get nameCount(): number {
    return this.liveNames;
  }

  has(entryId: string): boolean {
    return this.entries.has(entryId);
  }

  /** Adds an entry, replacing any entry with the same id. */
  add(entry: IndexEntry): void {
    this.remove(entry.id);
    const stored: StoredEntry = { entry, nameIds: [] };
    const seen = new Set<string>();
    const values = entry.names.includes(entry.entityName) ? entry.names : [entry.entityName, ...entry.names];
    for (const value of values) {
      if (!value || !value.trim()) continue;
      const norm = normalizeName(value);
      // Spellings that normalise to the same words in the same order and script score the same.
      const words = norm.tokens.map((t) => `${t.kind}:${t.text}${t.bracketed ? '()' : ''}${t.acronymOf ? '*' : ''}`);
      const identity = `${norm.script}|${words.join(' ')}`;
      if (norm.tokens.length === 0 || seen.has(identity)) continue;
      seen.add(identity);
      stored.nameIds.push(this.addName({ entryId: entry.id, value, norm, forms: postingForms(norm) }));
    }
    this.entries.set(entry.id, stored);
  }

  remove(entryId: string): boolean {
    const stored = this.entries.get(entryId);
    if (!stored) return false;
    for (const id of stored.nameIds) this.removeName(id);
    this.entries.delete(entryId);
    return true;
  }

  search(name: string, options: SearchOptions = {}): MatchHit[] {
    const { country = null, limit = 10, minScore = 0.5 } = options;
    const stats = Object.assign(options.stats ?? ({} as SearchStats), {
      queryWords: 0,
      candidateWords: 0,
      postingsVisited: 0,
      candidatesScored: 0,
      wordPairs: 0,
    });
    const query = normalizeName(name, MAX_QUERY_WORDS);
    stats.queryWords = query.tokens.length;
    if (query.tokens.length === 0) return [];
    const best = new Map<string, { id: number; score: number; detail: ReturnType<typeof compareNormalized> }>();
    for (const id of this.candidates(query, stats)) {
      const indexed = this.names[id]!;
      const detail = compareNormalized(query, indexed.norm, this.weights);
      const current = best.get(indexed.entryId);
      if (!current || detail.score > current.score) best.set(indexed.entryId, { id, score: detail.score, detail });
    }
    const hits: MatchHit[] = [];
    for (const [entryId, { id, score, detail }] of best) {
      const { entry } = this.entries.get(entryId)!;
      const adjustment = score > 0 ? countryAdjustment(country, entry.countries) : { delta: 0, reason: null };
      const final = round(Math.min(1, Math.max(0, score + adjustment.delta)));
      if (final < minScore) continue;
      const indexed = this.names[id]!;
      const reasons = explain(detail, query, indexed.norm);
      if (indexed.value !== entry.entityName) reasons.unshift(`matched alias "${indexed.value}"`);
      if (adjustment.reason) reasons.push(adjustment.reason);
      const wanted = country?.toUpperCase();
      hits.push({
        entryId,
        list: entry.listName,
        listKind: entry.listKind,
        entityName: entry.entityName,
        matchedName: indexed.value,
        country: (wanted && entry.countries.find((c) => c.toUpperCase() === wanted)) || entry.countries[0] || null,
        score: final,
        reasons,
      });
    }
    hits.sort(
      (x, y) => y.score - x.score || x.entityName.localeCompare(y.entityName) || x.entryId.localeCompare(y.entryId),
    );
    return hits.slice(0, limit);
  }

  private isKnownWord(form: string): boolean {
    return this.postings.has(form) || isVocabularyWord(form);
  }

  /** Number of names a word is indexed under. */
  private frequency(form: string): number {
    return this.postings.get(form)?.size ?? 0;
  }

  private weightOf(form: string): number {
    let weight = this.weightCache.get(form);
    if (weight === undefined) {
      const df = this.frequency(form);
      // Only indexed words are cached: queries cannot grow the cache.
      if (df === 0) return 1;
      const fraction = df / (this.liveNames + SMOOTHING);
      weight =
        fraction <= RARE_FRACTION ? 1 : Math.max(MIN_WEIGHT, 1 - WEIGHT_SLOPE * Math.log(fraction / RARE_FRACTION));
      this.weightCache.set(form, weight);
    }
    return weight;
  }

  private addName(indexed: IndexedName): number {
    this.weightCache.clear();
    const id = this.freeIds.pop() ?? this.names.length;
    this.names[id] = indexed;
    this.liveNames++;
    addTo(this.exact, indexed.norm.key, id);
    for (const form of indexed.forms) {
      if (!this.postings.has(form)) this.addToken(form);
      addTo(this.postings, form, id);
    }
    return id;
  }

  private removeName(id: number): void {
    const indexed = this.names[id];
    if (!indexed) return;
    this.weightCache.clear();
    removeFrom(this.exact, indexed.norm.key, id);
    for (const form of indexed.forms) {
      removeFrom(this.postings, form, id);
      if (!this.postings.has(form)) this.removeToken(form);
    }
    this.names[id] = undefined;
    this.freeIds.push(id);
    this.liveNames--;
  }

  private addToken(form: string): void {
    if (hasDeletions(form)) for (const variant of deletions(form)) addTo(this.deletionIndex, variant, form);
    if (isAsciiWord(form) && form.length >= MIN_FUZZY_LENGTH) addTo(this.phoneticIndex, phoneticKey(form), form);
  }

  private removeToken(form: string): void {
    if (hasDeletions(form)) for (const variant of deletions(form)) removeFrom(this.deletionIndex, variant, form);
    if (isAsciiWord(form) && form.length >= MIN_FUZZY_LENGTH) removeFrom(this.phoneticIndex, phoneticKey(form), form);
  }

  /** Indexed words within one edit of `form`, or with the same phonetic key. */
  private similarTokens(form: string): Map<string, number> {
    const out = new Map<string, number>();
    const consider = (token: string): void => {
      if (token === form || out.has(token)) return;
      const similarity = tokenSimilarity(form, token);
      if (similarity >= 0.5) out.set(token, similarity);
    };
    if (form.length >= MIN_FUZZY_LENGTH - 1 && form.length < MAX_FUZZY_WORD_LENGTH && !/^\d+$/.test(form)) {
      for (const token of this.deletionIndex.get(form) ?? []) consider(token);
    }
    if (form.length >= MIN_FUZZY_LENGTH + 1 && form.length <= MAX_FUZZY_WORD_LENGTH + 1 && !/^\d+$/.test(form)) {
      for (const variant of deletions(form)) {
        if (this.postings.has(variant)) consider(variant);
        for (const token of this.deletionIndex.get(variant) ?? []) consider(token);
      }
    }
    if (isAsciiWord(form) && form.length >= MIN_FUZZY_LENGTH) {
      for (const token of this.phoneticIndex.get(phoneticKey(form)) ?? []) consider(token);
    }
    return out;
  }

  private candidates(query: NormalizedName, stats: SearchStats): number[] {
    interface Source {
      names: Set<number>;
      weight: number;
    }
    const sources: Source[] = [];
    const addSource = (form: string, similarity: number, weight: number): void => {
      const names = this.postings.get(form);
      if (names) sources.push({ names, weight: weight * similarity });
    };
    const forms = postingForms(query);
    // The most selective words gather the candidates; the others still count when candidates are scored.
    const gathering = new Set(
      forms.length <= MAX_CANDIDATE_WORDS
        ? forms
        : [...forms].sort((x, y) => this.frequency(x) - this.frequency(y)).slice(0, MAX_CANDIDATE_WORDS),
    );
    stats.candidateWords = gathering.size;
    for (const form of forms) {
      if (!gathering.has(form)) continue;
      const weight = this.weightOf(form);
      addSource(form, 1, weight);
      for (const [token, similarity] of this.similarTokens(form)) addSource(token, similarity, weight);
      // A query word that is two listed words run together ("vladimirputin", "plauniversity").
      if (form.length >= 6 && isAsciiWord(form)) {
        for (let k = 3; k <= form.length - 3; k++) {
          const [left, right] = [form.slice(0, k), form.slice(k)];
          if (!this.isKnownWord(left) || !this.isKnownWord(right)) continue;
          addSource(left, 0.9, weight);
          addSource(right, 0.9, weight);
        }
      }
    }
    // Two query words that are one listed word ("good will" / "goodwill", "bei jing" / "beijing").
    const words = query.tokens.filter((t) => t.kind !== 'legal');
    for (let i = 0; i + 1 < words.length; i++) {
      const joined = words[i].surface + words[i + 1].surface;
      addSource(joined, 0.9, 1);
      if (i + 2 < words.length) addSource(joined + words[i + 2].surface, 0.9, 1);
    }

    const rare = sources.filter((s) => s.names.size <= COMMON_POSTING);
    const used = rare.length > 0 ? rare : sources;
    // Postings are read up to a budget, the shortest (most selective) first.
    const allowance = new Map<Source, number>();
    let budget = MAX_POSTINGS_VISITED;
    for (const source of [...used].sort((x, y) => x.names.size - y.names.size)) {
      if (budget === 0) break;
      const share = Math.min(budget, source.names.size);
      allowance.set(source, share);
      budget -= share;
    }
    const evidence = new Map<number, number>();
    for (const source of used) {
      let left = allowance.get(source) ?? 0;
      stats.postingsVisited += left;
      for (const id of source.names) {
        if (left-- === 0) break;
        evidence.set(id, (evidence.get(id) ?? 0) + source.weight);
      }
    }
    // A name sharing under a fifth of the query's word weight cannot reach 0.5: the query words it
    // lacks cost at least 0.4 each. (Of a very long query only the most selective words give evidence.)
    const floor = MIN_SHARE * forms.reduce((n, form) => n + this.weightOf(form), 0);
    const size = query.tokens.length;
    const ranked: Array<[number, number]> = [];
    for (const [id, value] of evidence) {
      if (value < floor) continue;
      // Among equally supported names prefer those of about the query's length.
      ranked.push([id, value - 0.01 * Math.abs(this.names[id]!.norm.tokens.length - size)]);
    }
    ranked.sort((x, y) => y[1] - x[1]);
    const chosen: number[] = [];
    const take = (id: number): void => {
      chosen.push(id);
      stats.candidatesScored++;
      stats.wordPairs += size * this.names[id]!.norm.tokens.length;
    };
    for (const [id] of ranked) {
      if (chosen.length === MAX_SCORED) break;
      // Long names cost more to score: fewer of them are scored.
      if (stats.wordPairs + size * this.names[id]!.norm.tokens.length <= MAX_WORD_PAIRS) take(id);
    }
    const exact = this.exact.get(query.key);
    if (exact) {
      const seen = new Set(chosen);
      let extra = 0;
      for (const id of exact) {
        if (extra === MAX_SCORED) break;
        if (!seen.has(id)) {
          take(id);
          extra++;
        }
      }
    }
    return chosen;
  }
}

/** Index keys of a name: its distinctive words (both scripts), or its generic words if it has none. */
function postingForms(norm: NormalizedName): string[] {
  const forms = new Set<string>();
  const distinctive = norm.tokens.filter((t) => t.kind === 'word' || t.kind === 'number');
  const chosen = distinctive.length > 0 ? distinctive : norm.tokens.filter((t) => t.kind !== 'legal');
  for (const token of chosen.length > 0 ? chosen : norm.tokens) {
    forms.add(token.latin);
    forms.add(token.text);
    // A subject phrase is compared word by word against names that have only some of its words.
    for (const part of token.parts ?? []) {
      if (part.kind === 'word') {
        forms.add(part.latin);
        forms.add(part.text);
      }
    }
  }
  return [...forms];
}
