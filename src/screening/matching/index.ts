/**
 * Name matching for screening: pure TypeScript, no Nest, no database. How it works and how well:
 * README.md in this folder.
 *
 *   normalizeName(raw): NormalizedName
 *     Words of a name in any script: case, accents and punctuation folded; "SURNAME, Given" read as
 *     "Given SURNAME"; legal forms, generic organisation words, particles, abbreviations and spelling
 *     variants recognised; Cyrillic, Greek, Chinese (pinyin) and other scripts transliterated, with the
 *     original script kept for comparing against aliases in the same script.
 *
 *   compareNames(query, candidate, { weights?, queryCountry?, candidateCountries? }): { score, reasons }
 *     Score 0..1 calibrated (docs/api.md, screening): >= 0.7 a potential match a reviewer must look at, >= 0.9 almost
 *     certainly the same entity. Reasons are short strings for reviewers. `weights` (word weights from
 *     how common a word is) normally comes from a ScreeningIndex; without it every distinctive word
 *     weighs the same.
 *
 *   new ScreeningIndex()
 *     .add(entry: IndexEntry)       adds or replaces an entry (primary name + aliases, countries)
 *     .remove(entryId): boolean
 *     .search(name, { country?, limit = 10, minScore = 0.5 }): MatchHit[]   best first, one hit per entry
 *     .size / .nameCount / .weights
 *
 *   Bounds (limits.ts): MAX_SCREENED_NAME_LENGTH for a screened name (partner, search), MAX_LISTED_NAME_LENGTH
 *   for a listed name, MAX_WORD_LENGTH for a word; checkNameBounds(name, maxLength?) says which one a name
 *   breaks. The matcher itself cuts longer input, so it stays bounded whatever reaches it.
 */
export { compareNames, compareNormalized, explain } from './compare';
export type { CompareOptions, CompareResult, MatchDetail, TokenWeights } from './compare';
export {
  checkNameBounds,
  MAX_LISTED_NAME_LENGTH,
  MAX_NAME_WORDS,
  MAX_SCREENED_NAME_LENGTH,
  MAX_WORD_LENGTH,
  nameLength,
} from './limits';
export type { NameBoundViolation } from './limits';
export { normalizeName } from './normalize';
export type { NameToken, NormalizedName, TokenKind } from './normalize';
export { ScreeningIndex } from './screening-index';
export type { IndexEntry, ListKind, MatchHit, SearchOptions, SearchStats } from './screening-index';
export type { Script } from './text';
