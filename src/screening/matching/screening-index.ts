import { HashMultimap, StringTable, deletionHashes, hashOf, isDeletionOf } from './compact-store';
import { MatchDetail, TokenWeights, compareNormalized, countryAdjustment, explain, round } from './compare';
import { NameStore } from './name-store';
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

const isAsciiWord = (form: string): boolean => /^[a-z]+$/.test(form);

/**
 * In-memory index of listed names. Search looks up the exact normalised name, gathers candidates from an
 * inverted index over distinctive words (plus words one edit away, same phonetic key, and split or
 * joined words), and scores only the best-supported candidates with compareNormalized.
 */
export class ScreeningIndex {
  private readonly entries = new Map<string, StoredEntry>();
  // By name id: the entry, the name as listed, and its normalised form (in `store`).
  private readonly owners: Array<StoredEntry | undefined> = [];
  private readonly values: Array<string | undefined> = [];
  /** Every word and token form, numbered; postings, neighbours and stored tokens refer to the numbers. */
  private readonly words = new StringTable();
  private readonly store = new NameStore(this.words);
  private readonly freeIds: number[] = [];
  private readonly exact = new Map<string, number | number[]>();
  /** By word id: the ids of the names indexed under the word. */
  private readonly postings: Array<number[] | undefined> = [];
  /** Hash of a word with one letter deleted → the word's id (a word's neighbours are found by hash). */
  private readonly deletionIndex = new HashMultimap(1 << 16);
  private readonly phoneticIndex = new Map<string, number[]>();
  /** Word ids whose deletion and phonetic keys are filed (once: a word id is never reused). */
  private readonly filed = new Set<number>();
  private liveNames = 0;

  /** Word weights from this index's names, for compareNames outside the index. */
  readonly weights: TokenWeights = {
    weight: (form: string) => this.weightOf(form),
    known: (form: string) => this.namesOf(this.words.find(form)) !== undefined,
  };

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
      stored.nameIds.push(this.addName(stored, value, norm));
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
    const best = new Map<StoredEntry, { id: number; norm: NormalizedName; detail: MatchDetail }>();
    for (const id of this.candidates(query, stats)) {
      const norm = this.store.get(id, this.values[id]!);
      const detail = compareNormalized(query, norm, this.weights);
      const owner = this.owners[id]!;
      const current = best.get(owner);
      if (!current || detail.score > current.detail.score) best.set(owner, { id, norm, detail });
    }
    const hits: MatchHit[] = [];
    for (const [{ entry }, { id, norm, detail }] of best) {
      const score = detail.score;
      const adjustment =
        score > 0 ? countryAdjustment(country, entry.countries, detail.statedCountries) : { delta: 0, reason: null };
      const final = round(Math.min(1, Math.max(0, score + adjustment.delta)));
      if (final < minScore) continue;
      const value = this.values[id]!;
      const reasons = explain(detail, query, norm);
      if (value !== entry.entityName) reasons.unshift(`matched alias "${value}"`);
      if (adjustment.reason) reasons.push(adjustment.reason);
      const wanted = country?.toUpperCase();
      hits.push({
        entryId: entry.id,
        list: entry.listName,
        listKind: entry.listKind,
        entityName: entry.entityName,
        matchedName: value,
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

  /** The names indexed under a word, if any. */
  private namesOf(wordId: number): number[] | undefined {
    const names = wordId < 0 ? undefined : this.postings[wordId];
    return names && names.length > 0 ? names : undefined;
  }

  private isKnownWord(form: string): boolean {
    return this.namesOf(this.words.find(form)) !== undefined || isVocabularyWord(form);
  }

  /** Number of names a word is indexed under. */
  private frequency(form: string): number {
    return this.namesOf(this.words.find(form))?.length ?? 0;
  }

  private weightOf(form: string): number {
    const fraction = this.frequency(form) / (this.liveNames + SMOOTHING);
    return fraction <= RARE_FRACTION ? 1 : Math.max(MIN_WEIGHT, 1 - WEIGHT_SLOPE * Math.log(fraction / RARE_FRACTION));
  }

  private addName(owner: StoredEntry, value: string, norm: NormalizedName): number {
    const id = this.freeIds.pop() ?? this.owners.length;
    this.owners[id] = owner;
    this.values[id] = value;
    this.store.put(id, norm);
    this.liveNames++;
    const same = this.exact.get(norm.key);
    if (same === undefined) this.exact.set(norm.key, id);
    else if (typeof same === 'number') this.exact.set(norm.key, [same, id]);
    else same.push(id);
    for (const form of postingForms(norm)) {
      const word = this.words.intern(form);
      const names = this.postings[word];
      if (names) names.push(id);
      else this.postings[word] = [id];
      if (!this.filed.has(word)) this.fileWord(word, form);
    }
    return id;
  }

  private removeName(id: number): void {
    const value = this.values[id];
    if (value === undefined) return;
    const norm = this.store.get(id, value);
    const same = this.exact.get(norm.key);
    if (same === id) this.exact.delete(norm.key);
    else if (Array.isArray(same)) {
      same.splice(same.indexOf(id), 1);
      if (same.length === 1) this.exact.set(norm.key, same[0]);
    }
    for (const form of postingForms(norm)) {
      const names = this.postings[this.words.find(form)];
      if (names) names.splice(names.indexOf(id), 1);
    }
    this.store.delete(id);
    this.owners[id] = undefined;
    this.values[id] = undefined;
    this.freeIds.push(id);
    this.liveNames--;
  }

  /** Files a word's one-deletion and phonetic keys; lookups skip words no name is indexed under any more. */
  private fileWord(word: number, form: string): void {
    this.filed.add(word);
    if (hasDeletions(form)) deletionHashes(form, (hash) => this.deletionIndex.add(hash, word));
    if (isAsciiWord(form) && form.length >= MIN_FUZZY_LENGTH) {
      const key = phoneticKey(form);
      const words = this.phoneticIndex.get(key);
      if (words) words.push(word);
      else this.phoneticIndex.set(key, [word]);
    }
  }

  /** Indexed words within one edit of `form`, or with the same phonetic key: word id → similarity. */
  private similarTokens(form: string): Map<number, number> {
    const out = new Map<number, number>();
    const self = this.words.find(form);
    const consider = (word: number): void => {
      if (word === self || out.has(word) || !this.namesOf(word)) return;
      const similarity = tokenSimilarity(form, this.words.get(word));
      if (similarity >= 0.5) out.set(word, similarity);
    };
    // Words with one letter more: one of their deletions is `form`.
    const longer = (shorter: string): void =>
      this.deletionIndex.forEach(hashOf(shorter), (word) => {
        if (isDeletionOf(this.words.get(word), shorter)) consider(word);
      });
    if (form.length >= MIN_FUZZY_LENGTH - 1 && form.length < MAX_FUZZY_WORD_LENGTH && !/^\d+$/.test(form)) {
      longer(form);
    }
    if (form.length >= MIN_FUZZY_LENGTH + 1 && form.length <= MAX_FUZZY_WORD_LENGTH + 1 && !/^\d+$/.test(form)) {
      for (let i = 0; i < form.length; i++) {
        const variant = form.slice(0, i) + form.slice(i + 1);
        const word = this.words.find(variant);
        if (word >= 0) consider(word);
        // Words of the same length sharing a deletion: one substituted or transposed letter.
        longer(variant);
      }
    }
    if (isAsciiWord(form) && form.length >= MIN_FUZZY_LENGTH) {
      for (const word of this.phoneticIndex.get(phoneticKey(form)) ?? []) consider(word);
    }
    return out;
  }

  private candidates(query: NormalizedName, stats: SearchStats): number[] {
    interface Source {
      names: number[];
      weight: number;
    }
    const sources: Source[] = [];
    const addWord = (word: number, similarity: number, weight: number): void => {
      const names = this.namesOf(word);
      if (names) sources.push({ names, weight: weight * similarity });
    };
    const addSource = (form: string, similarity: number, weight: number): void =>
      addWord(this.words.find(form), similarity, weight);
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
      for (const [word, similarity] of this.similarTokens(form)) addWord(word, similarity, weight);
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

    const rare = sources.filter((s) => s.names.length <= COMMON_POSTING);
    const used = rare.length > 0 ? rare : sources;
    // Postings are read up to a budget, the shortest (most selective) first.
    const allowance = new Map<Source, number>();
    let budget = MAX_POSTINGS_VISITED;
    for (const source of [...used].sort((x, y) => x.names.length - y.names.length)) {
      if (budget === 0) break;
      const share = Math.min(budget, source.names.length);
      allowance.set(source, share);
      budget -= share;
    }
    const evidence = new Map<number, number>();
    for (const source of used) {
      const allowed = allowance.get(source) ?? 0;
      stats.postingsVisited += allowed;
      for (let i = 0; i < allowed; i++) {
        const id = source.names[i];
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
      ranked.push([id, value - 0.01 * Math.abs(this.store.tokenCount(id) - size)]);
    }
    ranked.sort((x, y) => y[1] - x[1]);
    const chosen: number[] = [];
    const take = (id: number): void => {
      chosen.push(id);
      stats.candidatesScored++;
      stats.wordPairs += size * this.store.tokenCount(id);
    };
    for (const [id] of ranked) {
      if (chosen.length === MAX_SCORED) break;
      // Long names cost more to score: fewer of them are scored.
      if (stats.wordPairs + size * this.store.tokenCount(id) <= MAX_WORD_PAIRS) take(id);
    }
    const exact = this.exact.get(query.key);
    if (exact !== undefined) {
      const seen = new Set(chosen);
      let extra = 0;
      for (const id of typeof exact === 'number' ? [exact] : exact) {
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
