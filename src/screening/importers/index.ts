import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAspiUnitracker } from './aspi-unitracker.parser';
import { parseEuFsf } from './eu-fsf.parser';
import { parseFtm } from './ftm.parser';
import { parseOfacCsv } from './ofac-csv.parser';
import { parseRestrictedParties } from './restricted-parties.parser';
import { ParsedList, ScreeningFormat, ScreeningParseError, makeExternalIdsUnique } from './screening-record';
import { parseSimpleCsv } from './simple-csv.parser';
import { decodeUtf8 } from './text-input';
import { UK_NAMES_FILE, UK_SUBJECTS_FILE, parseUkSanctions } from './uk-sanctions.parser';
import { parseUnXml } from './un-xml.parser';

export { countryCodeFromName, normalizeCountryCode, resolveCountry } from './country-codes';
export { SCREENING_FORMATS, ScreeningParseError, isScreeningFormat } from './screening-record';
export type { EntityType, ListKind, ParsedList, ScreeningFormat, ScreeningRecord } from './screening-record';
export { UK_NAMES_FILE, UK_SUBJECTS_FILE } from './uk-sanctions.parser';

const TEXT_PARSERS: Readonly<Record<Exclude<ScreeningFormat, 'uk'>, (text: string) => ParsedList>> = {
  csv: parseSimpleCsv,
  ftm: parseFtm,
  'ofac-csv': parseOfacCsv,
  'un-xml': parseUnXml,
  'eu-fsf': parseEuFsf,
  'restricted-parties': parseRestrictedParties,
  aspi: parseAspiUnitracker,
};

/**
 * Parses one screening list. `input` is the file's bytes (UTF-8), or for `uk` the tables by file
 * name (subjects.csv, subject_names.csv). Throws ScreeningParseError naming the line or record
 * that failed. External ids in the result are unique.
 */
export function parseScreeningList(format: ScreeningFormat, input: Buffer | ReadonlyMap<string, Buffer>): ParsedList {
  if (format === 'uk') {
    if (Buffer.isBuffer(input)) {
      throw new ScreeningParseError(`the uk format needs the tables ${UK_SUBJECTS_FILE} and ${UK_NAMES_FILE}`, 'input');
    }
    const tables = new Map<string, string>();
    for (const [file, bytes] of input) tables.set(file, decodeUtf8(bytes, file));
    return withUniqueIds(parseUkSanctions(tables));
  }
  if (!Buffer.isBuffer(input)) throw new ScreeningParseError(`the ${format} format takes one file`, 'input');
  const parse = TEXT_PARSERS[format];
  if (!parse) throw new ScreeningParseError(`unknown format ${JSON.stringify(format)}`, 'input');
  return withUniqueIds(parse(decodeUtf8(input)));
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

function withUniqueIds(list: ParsedList): ParsedList {
  makeExternalIdsUnique(list.records);
  return list;
}
