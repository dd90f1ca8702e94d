import { createHash } from 'node:crypto';
import { checkNameBounds, MAX_LISTED_NAME_LENGTH, NameBoundViolation } from '../matching/limits';

export type ListKind = 'sanctions' | 'export_control' | 'assessment';

export type EntityType = 'organization' | 'person' | 'vessel' | 'aircraft' | 'other';

export const SCREENING_FORMATS = [
  'csv',
  'ftm',
  'ofac-csv',
  'un-xml',
  'eu-fsf',
  'uk',
  'restricted-parties',
  'aspi',
] as const;

export type ScreeningFormat = (typeof SCREENING_FORMATS)[number];

export function isScreeningFormat(value: string): value is ScreeningFormat {
  return (SCREENING_FORMATS as readonly string[]).includes(value);
}

export interface ScreeningRecord {
  /** Stable id from the source; a hash of the name when the source has none. Unique within a list. */
  externalId: string;
  name: string;
  /** Every other name, original-script ones included; deduplicated, never the primary name. */
  aliases: string[];
  /** ISO 3166-1 alpha-2, upper case, deduplicated; empty when the source does not say. */
  countries: string[];
  entityType: EntityType;
  /** Programmes, regimes or source list ids. */
  programs: string[];
}

export interface ParsedList {
  format: ScreeningFormat;
  kind: ListKind;
  records: ScreeningRecord[];
}

/**
 * A parser reads a file as a sequence of records, so a caller can pause between them (see
 * parseScreeningListInSlices); `null` marks a unit of work that made no record (a skipped line, a table row).
 */
export type RecordSource = Generator<ScreeningRecord | null, void, undefined>;

/** Every record of a source, for callers that parse in one go. */
export function collectRecords(source: RecordSource): ScreeningRecord[] {
  const records: ScreeningRecord[] = [];
  for (const record of source) if (record) records.push(record);
  return records;
}

export class ScreeningParseError extends Error {
  constructor(
    message: string,
    /** Where it failed, e.g. "line 17", "record 3", "subject_names.csv line 4". */
    readonly location: string,
    /** Set when a name breaks a bound of the matcher (see matching/limits.ts). */
    readonly bound?: NameBoundViolation['bound'],
  ) {
    super(`${location}: ${message}`);
    this.name = 'ScreeningParseError';
  }
}

/** NFC, whitespace runs collapsed to one space, trimmed. */
export function cleanName(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function nameKey(name: string): string {
  return name.toLowerCase();
}

/**
 * Builds one record's name and aliases. Aliases are deduplicated case-insensitively (the first
 * spelling wins) because matching folds case anyway, and never repeat the primary name. A name or
 * alias beyond the matcher's bounds (MAX_LISTED_NAME_LENGTH, MAX_WORD_LENGTH) is refused with the
 * location of the record, or the one given with the name.
 */
export class NameSet {
  private readonly keys = new Set<string>();
  private readonly aliasList: string[] = [];
  private primary = '';

  constructor(
    private readonly location: string,
    primary?: unknown,
  ) {
    if (primary !== undefined) this.setPrimary(primary);
  }

  get name(): string {
    return this.primary;
  }

  setPrimary(value: unknown, location = this.location): void {
    const name = checkedName(value, 'name', location);
    if (!name) return;
    this.primary = name;
    const key = nameKey(name);
    this.keys.add(key);
    const index = this.aliasList.findIndex((alias) => nameKey(alias) === key);
    if (index >= 0) this.aliasList.splice(index, 1);
  }

  add(value: unknown, location = this.location): void {
    const name = checkedName(value, 'alias', location);
    if (!name) return;
    const key = nameKey(name);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.aliasList.push(name);
  }

  addAll(values: Iterable<unknown> | undefined | null, location = this.location): void {
    if (!values) return;
    for (const value of values) this.add(value, location);
  }

  get aliases(): string[] {
    return [...this.aliasList];
  }
}

function checkedName(value: unknown, field: string, location: string): string {
  const name = cleanName(value);
  const violation = name ? checkNameBounds(name, MAX_LISTED_NAME_LENGTH) : null;
  if (violation) throw new ScreeningParseError(`${field} ${violation.message}`, location, violation.bound);
  return name;
}

const ENTITY_TYPE_WORDS: ReadonlyArray<readonly [RegExp, EntityType]> = [
  [/^(person|individual|natural person|people)$/, 'person'],
  [/^(vessel|ship|boat)$/, 'vessel'],
  [/^(aircraft|airplane|aeroplane|plane)$/, 'aircraft'],
  [/^other$/, 'other'],
];

/** Free-text type → entity type; anything unrecognised (company, university, …) is an organisation. */
export function entityTypeFromText(text: string): EntityType {
  const value = text.trim().toLowerCase();
  for (const [pattern, type] of ENTITY_TYPE_WORDS) if (pattern.test(value)) return type;
  return 'organization';
}

/** Id for records whose source has none: stable across imports of the same name. */
export function nameHash(name: string): string {
  return createHash('sha256').update(cleanName(name)).digest('hex').slice(0, 16);
}

export function uniqueStrings(values: Iterable<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of values) {
    const value = raw.trim();
    if (value && !seen.has(value)) {
      seen.add(value);
      out.push(value);
    }
  }
  return out;
}

/**
 * Some sources repeat an id (the BIS Entity List lists a party once per address). Later repeats
 * get "#2", "#3", … in file order so the id stays unique within the list and stable across
 * re-imports of the same file.
 */
export class UniqueIds {
  private readonly seen = new Map<string, number>();

  claim(record: ScreeningRecord): void {
    const count = (this.seen.get(record.externalId) ?? 0) + 1;
    this.seen.set(record.externalId, count);
    if (count > 1) record.externalId = `${record.externalId}#${count}`;
  }
}

export function makeExternalIdsUnique(records: ScreeningRecord[]): ScreeningRecord[] {
  const ids = new UniqueIds();
  for (const record of records) ids.claim(record);
  return records;
}
