import { ScreeningParseError } from './screening-record';
import { at } from './text-input';

export interface CsvRow {
  /** 1-based line on which the row starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 rows in one linear pass: comma separated, LF or CRLF, quoted fields with doubled
 * quotes and embedded newlines. Empty lines are skipped. A quote inside an unquoted field is
 * taken literally (O"Brien), as spreadsheet exports do.
 */
export function* readCsvRows(text: string, file?: string): Generator<CsvRow> {
  const length = text.length;
  let pos = 0;
  let line = 1;

  while (pos < length) {
    const rowLine = line;
    const fields: string[] = [];
    let rowDone = false;

    while (!rowDone) {
      if (text[pos] === '"') {
        const fieldLine = line;
        let value = '';
        pos++;
        for (;;) {
          const quote = text.indexOf('"', pos);
          if (quote === -1) {
            throw new ScreeningParseError('quoted field is not closed', at(file, `line ${fieldLine}`));
          }
          const chunk = text.slice(pos, quote);
          line += countNewlines(chunk);
          value += chunk;
          if (text[quote + 1] === '"') {
            value += '"';
            pos = quote + 2;
          } else {
            pos = quote + 1;
            break;
          }
        }
        fields.push(value);
        const next = text[pos];
        if (next === ',') {
          pos++;
        } else if (next === undefined) {
          rowDone = true;
        } else if (next === '\n' || (next === '\r' && text[pos + 1] === '\n')) {
          pos += next === '\r' ? 2 : 1;
          line++;
          rowDone = true;
        } else {
          throw new ScreeningParseError(
            `unexpected ${JSON.stringify(next)} after a closing quote`,
            at(file, `line ${line}`),
          );
        }
      } else {
        let end = pos;
        while (end < length) {
          const ch = text[end];
          if (ch === ',' || ch === '\n' || (ch === '\r' && text[end + 1] === '\n')) break;
          end++;
        }
        fields.push(text.slice(pos, end));
        const next = text[end];
        if (next === ',') {
          pos = end + 1;
        } else if (next === undefined) {
          pos = end;
          rowDone = true;
        } else {
          pos = end + (next === '\r' ? 2 : 1);
          line++;
          rowDone = true;
        }
      }
    }

    if (fields.length === 1 && fields[0].trim() === '') continue;
    yield { line: rowLine, fields };
  }
}

function countNewlines(chunk: string): number {
  let count = 0;
  for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) count++;
  return count;
}

export interface CsvTable {
  headerLine: number;
  /** Column index by header name (header names trimmed and lower-cased). */
  columns: Map<string, number>;
  rows: Generator<CsvRow>;
}

/**
 * Reads the header and checks that it holds the required columns; every later row must have
 * as many fields as the header.
 */
export function readCsvTable(text: string, required: readonly string[], file?: string): CsvTable {
  const rows = readCsvRows(text, file);
  const first = rows.next();
  if (first.done) throw new ScreeningParseError('the file is empty; expected a header row', at(file, 'line 1'));
  const header = first.value.fields.map((name) => name.trim().toLowerCase());
  const columns = new Map<string, number>();
  header.forEach((name, index) => columns.set(name, index));
  const missing = required.filter((name) => !columns.has(name));
  if (missing.length > 0) {
    throw new ScreeningParseError(
      `header lacks column(s) ${missing.join(', ')}; found ${header.join(',')}`,
      at(file, `line ${first.value.line}`),
    );
  }
  const width = header.length;
  function* checked(): Generator<CsvRow> {
    for (const row of rows) {
      if (row.fields.length !== width) {
        throw new ScreeningParseError(
          `expected ${width} columns, found ${row.fields.length}`,
          at(file, `line ${row.line}`),
        );
      }
      yield row;
    }
  }
  return { headerLine: first.value.line, columns, rows: checked() };
}
