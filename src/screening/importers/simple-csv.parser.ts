import { resolveCountry } from './country-codes';
import { readCsvTable } from './csv-reader';
import {
  NameSet,
  ParsedList,
  RecordSource,
  ScreeningParseError,
  collectRecords,
  entityTypeFromText,
  nameHash,
  uniqueStrings,
} from './screening-record';

const KNOWN_COLUMNS = ['name', 'country', 'type', 'aliases'];

/** Our own upload format: header `name,country,type,aliases`, aliases separated by ";". */
export function parseSimpleCsv(text: string): ParsedList {
  return { format: 'csv', kind: 'sanctions', records: collectRecords(simpleCsvRecords(text)) };
}

export function* simpleCsvRecords(text: string): RecordSource {
  const { headerLine, columns, rows } = readCsvTable(text, ['name']);
  const unknown = [...columns.keys()].filter((column) => !KNOWN_COLUMNS.includes(column));
  if (unknown.length > 0) {
    throw new ScreeningParseError(
      `unknown column(s) ${unknown.join(', ')}; expected ${KNOWN_COLUMNS.join(',')}`,
      `line ${headerLine}`,
    );
  }
  const column = (fields: string[], name: string): string => {
    const index = columns.get(name);
    return index === undefined ? '' : fields[index];
  };

  for (const { line, fields } of rows) {
    const names = new NameSet(`line ${line}`, column(fields, 'name'));
    if (!names.name) throw new ScreeningParseError('name is empty', `line ${line}`);
    names.addAll(column(fields, 'aliases').split(';'));

    const countries: string[] = [];
    for (const value of column(fields, 'country').split(';')) {
      if (!value.trim()) continue;
      const code = resolveCountry(value);
      if (!code) throw new ScreeningParseError(`unknown country ${JSON.stringify(value.trim())}`, `line ${line}`);
      countries.push(code);
    }

    yield {
      externalId: nameHash(names.name),
      name: names.name,
      aliases: names.aliases,
      countries: uniqueStrings(countries),
      entityType: entityTypeFromText(column(fields, 'type')),
      programs: [],
    };
  }
}
