import { cleanFilename, contentDisposition, extensionOf, MAX_FILENAME_LENGTH } from './filename';

describe('cleanFilename', () => {
  it.each<[string, string | null]>([
    ['report.pdf', 'report.pdf'],
    ['C:\\Users\\me\\Desktop\\report.pdf', 'report.pdf'],
    ['/etc/passwd', 'passwd'],
    ['../../secret.txt', 'secret.txt'],
    ['..', null],
    ['.hidden.txt', 'hidden.txt'],
    ['  spaced   out  name .docx ', 'spaced out name .docx'],
    ['trailing dots...', 'trailing dots'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['nul\u0000byte.txt', 'nulbyte.txt'],
    // A right-to-left override would show "report_exe.pdf" for this name.
    ['report_\u202Efdp.exe', 'report_fdp.exe'],
    ['zero\u200Bwidth.txt', 'zerowidth.txt'],
    ['what?*<>|:".txt', 'what_______.txt'],
    ['Cafe\u0301.txt', 'Café.txt'],
    ['Überblick – 2026.pdf', 'Überblick – 2026.pdf'],
    ['', null],
    ['\u0007\u0008', null],
  ])('%j → %j', (raw, cleaned) => {
    expect(cleanFilename(raw)).toBe(cleaned);
  });

  it('shortens a long stem and keeps the extension', () => {
    const cleaned = cleanFilename(`${'ä'.repeat(500)}.pdf`)!;
    expect([...cleaned]).toHaveLength(MAX_FILENAME_LENGTH);
    expect(cleaned.endsWith('ä.pdf')).toBe(true);
  });

  it('refuses a name that is all extension and too long to shorten', () => {
    expect(cleanFilename(`a.${'x'.repeat(300)}`)).toBeNull();
  });
});

describe('extensionOf', () => {
  it.each<[string, string | null]>([
    ['a.PDF', 'pdf'],
    ['archive.tar.gz', 'gz'],
    ['noextension', null],
    ['dot.', null],
  ])('%s → %s', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});

describe('contentDisposition (RFC 6266, RFC 5987)', () => {
  it('gives an ASCII name as it is', () => {
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it('encodes the exact name in filename* and transliterates the fallback', () => {
    expect(contentDisposition('Überblick 2026 (v2).pdf')).toBe(
      `attachment; filename="Uberblick 2026 (v2).pdf"; filename*=UTF-8''%C3%9Cberblick%202026%20%28v2%29.pdf`,
    );
    expect(contentDisposition('北京大学.docx')).toBe(
      `attachment; filename="BeiJingDaXue.docx"; filename*=UTF-8''%E5%8C%97%E4%BA%AC%E5%A4%A7%E5%AD%A6.docx`,
    );
  });

  it('keeps quotes, backslashes and percent signs out of the quoted fallback', () => {
    const header = contentDisposition(`50% "final" \\ draft.txt`);
    expect(header).toBe(
      `attachment; filename="50_ _final_ _ draft.txt"; filename*=UTF-8''50%25%20%22final%22%20%5C%20draft.txt`,
    );
  });

  it('round-trips: decoding filename* gives the name back', () => {
    const name = 'Ünïcödé ✓ name (1).pptx';
    const encoded = /filename\*=UTF-8''(.*)$/.exec(contentDisposition(name))![1];
    expect(decodeURIComponent(encoded)).toBe(name);
  });
});
