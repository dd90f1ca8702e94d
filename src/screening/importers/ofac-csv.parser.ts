import { readCsvTable } from './csv-reader';
import {
  EntityType,
  NameSet,
  ParsedList,
  RecordSource,
  ScreeningParseError,
  collectRecords,
  uniqueStrings,
} from './screening-record';

const COLUMNS = ['uid', 'name', 'type', 'programs', 'alternate_names'] as const;

const ENTITY_TYPES: Readonly<Record<string, EntityType>> = {
  entity: 'organization',
  individual: 'person',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

/**
 * The OFAC SDN list as flattened by kindrat86/ofac-sdn-json: `uid,name,type,programs,alternate_names`,
 * programmes and alternate names separated by ";". The file carries no addresses, so no countries.
 */
export function parseOfacCsv(text: string): ParsedList {
  return { format: 'ofac-csv', kind: 'sanctions', records: collectRecords(ofacCsvRecords(text)) };
}

export function* ofacCsvRecords(text: string): RecordSource {
  const { columns, rows } = readCsvTable(text, COLUMNS);
  const index = Object.fromEntries(COLUMNS.map((name) => [name, columns.get(name) as number])) as Record<
    (typeof COLUMNS)[number],
    number
  >;

  for (const { line, fields } of rows) {
    const uid = fields[index.uid].trim();
    if (!uid) throw new ScreeningParseError('uid is empty', `line ${line}`);
    const names = new NameSet(`line ${line}`, fields[index.name]);
    if (!names.name) throw new ScreeningParseError(`entry ${uid} has no name`, `line ${line}`);
    names.addAll(fields[index.alternate_names].split(';'));

    const type = fields[index.type].trim().toLowerCase();
    yield {
      externalId: uid,
      name: names.name,
      aliases: names.aliases,
      countries: [],
      entityType: ENTITY_TYPES[type] ?? 'other',
      programs: uniqueStrings(fields[index.programs].split(';')),
    };
  }
}
