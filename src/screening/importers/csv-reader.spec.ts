import { readCsvRows, readCsvTable } from './csv-reader';
import { ScreeningParseError } from './screening-record';

const rows = (text: string) => [...readCsvRows(text)];

describe('readCsvRows', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and numbers rows by their first line', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\nlast,,\n';
    expect(rows(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 5, fields: ['last', '', ''] },
    ]);
  });

  it('accepts a last row without a line break and a quote inside an unquoted field', () => {
    expect(rows('name\nO"Brien Ltd')).toEqual([
      { line: 1, fields: ['name'] },
      { line: 2, fields: ['O"Brien Ltd'] },
    ]);
  });

  it('names the line where an unclosed quoted field starts', () => {
    expect(() => rows('a,b\n1,2\n3,"open\nstill open\n')).toThrow(
      expect.objectContaining({ name: 'ScreeningParseError', location: 'line 3' }),
    );
  });

  it('rejects text after a closing quote', () => {
    expect(() => rows('a,b\n"x"y,2\n')).toThrow(
      new ScreeningParseError('unexpected "y" after a closing quote', 'line 2'),
    );
  });
});

describe('readCsvTable', () => {
  it('rejects a row with the wrong number of columns, naming its line', () => {
    const good = Array.from({ length: 15 }, (_, i) => `name ${i},NL,company,`);
    const text = ['name,country,type,aliases', ...good, 'too,many,fields,here,!'].join('\n');
    const table = readCsvTable(text, ['name']);
    expect(() => [...table.rows]).toThrow(new ScreeningParseError('expected 4 columns, found 5', 'line 17'));
  });

  it('rejects a header without the required columns', () => {
    expect(() => readCsvTable('name;country;type;aliases\nx;NL;;\n', ['name'], 'list.csv')).toThrow(
      expect.objectContaining({ location: 'list.csv line 1' }),
    );
  });

  it('rejects an empty file', () => {
    expect(() => readCsvTable('\n\n', ['name'])).toThrow(expect.objectContaining({ location: 'line 1' }));
  });
});
