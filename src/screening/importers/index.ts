import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Slicer } from '../slicer';
import { aspiRecords } from './aspi-unitracker.parser';
import { euFsfRecords } from './eu-fsf.parser';
import { ftmRecords } from './ftm.parser';
import { ofacCsvRecords } from './ofac-csv.parser';
import { restrictedPartyRecords } from './restricted-parties.parser';
import {
  ListKind,
  ParsedList,
  RecordSource,
  ScreeningFormat,
  ScreeningParseError,
  ScreeningRecord,
  UniqueIds,
  makeExternalIdsUnique,
} from './screening-record';
import { simpleCsvRecords } from './simple-csv.parser';
import { decodeUtf8 } from './text-input';
import { UK_NAMES_FILE, UK_SUBJECTS_FILE, ukSanctionsRecords } from './uk-sanctions.parser';
import { unXmlRecords } from './un-xml.parser';

export { countryCodeFromName, normalizeCountryCode, resolveCountry } from './country-codes';
export { SCREENING_FORMATS, ScreeningParseError, isScreeningFormat } from './screening-record';
export type { EntityType, ListKind, ParsedList, ScreeningFormat, ScreeningRecord } from './screening-record';
export { UK_NAMES_FILE, UK_SUBJECTS_FILE } from './uk-sanctions.parser';

const TEXT_FORMATS: Readonly<
  Record<Exclude<ScreeningFormat, 'uk'>, { kind: ListKind; records: (text: string) => RecordSource }>
> = {
  csv: { kind: 'sanctions', records: simpleCsvRecords },
  ftm: { kind: 'sanctions', records: ftmRecords },
  'ofac-csv': { kind: 'sanctions', records: ofacCsvRecords },
  'un-xml': { kind: 'sanctions', records: unXmlRecords },
  'eu-fsf': { kind: 'sanctions', records: euFsfRecords },
  'restricted-parties': { kind: 'export_control', records: restrictedPartyRecords },
  aspi: { kind: 'assessment', records: aspiRecords },
};

type Decode = (bytes: Buffer, file?: string) => string;

function openList(
  format: ScreeningFormat,
  input: Buffer | ReadonlyMap<string, Buffer>,
  decode: Decode,
): { kind: ListKind; records: RecordSource } {
  if (format === 'uk') {
    if (Buffer.isBuffer(input)) {
      throw new ScreeningParseError(`the uk format needs the tables ${UK_SUBJECTS_FILE} and ${UK_NAMES_FILE}`, 'input');
    }
    const tables = new Map<string, string>();
    for (const [file, bytes] of input) tables.set(file, decode(bytes, file));
    return { kind: 'sanctions', records: ukSanctionsRecords(tables) };
  }
  if (!Buffer.isBuffer(input)) throw new ScreeningParseError(`the ${format} format takes one file`, 'input');
  const reader = TEXT_FORMATS[format];
  if (!reader) throw new ScreeningParseError(`unknown format ${JSON.stringify(format)}`, 'input');
  return { kind: reader.kind, records: reader.records(decode(input)) };
}

/**
 * Parses one screening list. `input` is the file's bytes (UTF-8), or for `uk` the tables by file
 * name (subjects.csv, subject_names.csv). Throws ScreeningParseError naming the line or record
 * that failed. External ids in the result are unique.
 */
export function parseScreeningList(format: ScreeningFormat, input: Buffer | ReadonlyMap<string, Buffer>): ParsedList {
  const { kind, records } = openList(format, input, decodeUtf8);
  const parsed: ScreeningRecord[] = [];
  for (const record of records) if (record) parsed.push(record);
  return { format, kind, records: makeExternalIdsUnique(parsed) };
}

/**
 * As parseScreeningList, for a server that keeps answering meanwhile: the work is cut into slices
 * between which the event loop runs (decoding, every record, making ids unique). XML and JSON documents
 * (un-xml, restricted-parties, aspi) are still read by their parser in one go, which the upload limit bounds.
 */
export async function parseScreeningListInSlices(
  format: ScreeningFormat,
  input: Buffer | ReadonlyMap<string, Buffer>,
  slicer = new Slicer(),
): Promise<ParsedList> {
  const decoded = new Map<Buffer, string>();
  for (const bytes of Buffer.isBuffer(input) ? [input] : input.values()) {
    decoded.set(bytes, await decodeUtf8InSlices(bytes, slicer));
  }
  const { kind, records } = openList(format, input, (bytes, file) => decoded.get(bytes) ?? decodeUtf8(bytes, file));
  const parsed: ScreeningRecord[] = [];
  for (const record of records) {
    if (record) parsed.push(record);
    const pause = slicer.tick(record ? 1 + record.aliases.length : 1);
    if (pause) await pause;
  }
  const ids = new UniqueIds();
  for (const record of parsed) {
    ids.claim(record);
    const pause = slicer.tick();
    if (pause) await pause;
  }
  return { format, kind, records: parsed };
}

const DECODE_CHUNK = 1 << 20;

/** decodeUtf8 a megabyte at a time; on invalid UTF-8 the one-go decoder names the line. */
async function decodeUtf8InSlices(bytes: Buffer, slicer: Slicer): Promise<string> {
  if (bytes.length <= DECODE_CHUNK) return decodeUtf8(bytes);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const parts: string[] = [];
  try {
    for (let at = 0; at < bytes.length; at += DECODE_CHUNK) {
      const end = Math.min(bytes.length, at + DECODE_CHUNK);
      parts.push(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
      await slicer.pause();
    }
  } catch {
    return decodeUtf8(bytes);
  }
  return parts.join('');
}

/** Reads and parses a list file; for `uk`, `path` is the folder holding the tables. */
export async function readScreeningListFile(format: ScreeningFormat, path: string): Promise<ParsedList> {
  if (format === 'uk') {
    const tables = new Map<string, Buffer>();
    for (const file of [UK_SUBJECTS_FILE, UK_NAMES_FILE]) tables.set(file, await readFile(join(path, file)));
    return parseScreeningList(format, tables);
  }
  return parseScreeningList(format, await readFile(path));
}
