import { readCsvTable } from './csv-reader';
import { EntityType, NameSet, ParsedList, RecordSource, ScreeningParseError, collectRecords } from './screening-record';

export const UK_SUBJECTS_FILE = 'subjects.csv';
export const UK_NAMES_FILE = 'subject_names.csv';

const ENTITY_TYPES: Readonly<Record<string, EntityType>> = {
  individual: 'person',
  entity: 'organization',
  ship: 'vessel',
};

interface Subject {
  line: number;
  id: string;
  entityType: EntityType;
  names: NameSet;
  hasPrimary: boolean;
}

/**
 * The UK Sanctions List as the tables subjects.csv and subject_names.csv. A subject's name is its
 * first "primary" name; every other row (primary variations, aliases, a second primary) is an
 * alias. The tables carry no countries. The unique id's letters name the regime (RUS0001 → RUS),
 * which is kept as the programme.
 */
export function parseUkSanctions(tables: ReadonlyMap<string, string>): ParsedList {
  return { format: 'uk', kind: 'sanctions', records: collectRecords(ukSanctionsRecords(tables)) };
}

export function* ukSanctionsRecords(tables: ReadonlyMap<string, string>): RecordSource {
  const subjectsText = tables.get(UK_SUBJECTS_FILE);
  const namesText = tables.get(UK_NAMES_FILE);
  if (subjectsText === undefined) throw new ScreeningParseError('table is missing', UK_SUBJECTS_FILE);
  if (namesText === undefined) throw new ScreeningParseError('table is missing', UK_NAMES_FILE);

  const subjects = new Map<string, Subject>();
  const subjectTable = readCsvTable(subjectsText, ['unique_id', 'subject_type'], UK_SUBJECTS_FILE);
  const idColumn = subjectTable.columns.get('unique_id') as number;
  const typeColumn = subjectTable.columns.get('subject_type') as number;
  for (const { line, fields } of subjectTable.rows) {
    const id = fields[idColumn].trim();
    if (!id) throw new ScreeningParseError('unique_id is empty', `${UK_SUBJECTS_FILE} line ${line}`);
    if (subjects.has(id))
      throw new ScreeningParseError(`subject ${id} is listed twice`, `${UK_SUBJECTS_FILE} line ${line}`);
    const type = fields[typeColumn].trim().toLowerCase();
    subjects.set(id, {
      line,
      id,
      entityType: ENTITY_TYPES[type] ?? 'other',
      names: new NameSet(`${UK_SUBJECTS_FILE} line ${line}`),
      hasPrimary: false,
    });
    yield null;
  }

  const nameTable = readCsvTable(namesText, ['unique_id', 'name_type', 'full_name'], UK_NAMES_FILE);
  const subjectColumn = nameTable.columns.get('unique_id') as number;
  const nameTypeColumn = nameTable.columns.get('name_type') as number;
  const fullNameColumn = nameTable.columns.get('full_name') as number;
  for (const { line, fields } of nameTable.rows) {
    const id = fields[subjectColumn].trim();
    const subject = subjects.get(id);
    if (!subject)
      throw new ScreeningParseError(`name of unknown subject ${JSON.stringify(id)}`, `${UK_NAMES_FILE} line ${line}`);
    const name = fields[fullNameColumn];
    const location = `${UK_NAMES_FILE} line ${line}`;
    if (!subject.hasPrimary && fields[nameTypeColumn].trim().toLowerCase() === 'primary' && name.trim()) {
      subject.names.setPrimary(name, location);
      subject.hasPrimary = true;
    } else {
      subject.names.add(name, location);
    }
    yield null;
  }

  for (const subject of subjects.values()) {
    if (!subject.hasPrimary) {
      throw new ScreeningParseError(
        `subject ${subject.id} has no primary name`,
        `${UK_SUBJECTS_FILE} line ${subject.line}`,
      );
    }
    const regime = /^[A-Za-z]+/.exec(subject.id)?.[0].toUpperCase();
    yield {
      externalId: subject.id,
      name: subject.names.name,
      aliases: subject.names.aliases,
      countries: [],
      entityType: subject.entityType,
      programs: regime ? [regime] : [],
    };
  }
}
