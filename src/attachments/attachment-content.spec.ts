import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../common/domain-error';
import { classifyText, detectType } from './attachment-content';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'attachments');
const scratch = mkdtempSync(join(tmpdir(), 'attachment-content-'));

/** The fixture (or the given bytes) under another name, as the upload would store it. */
function fileWith(content: string | Buffer, name: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

async function refusal(path: string, filename: string): Promise<string> {
  try {
    await detectType(path, filename);
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('detectType: the type read from the content, agreeing with the name', () => {
  it.each([
    ['export-classification.pdf', 'application/pdf'],
    ['project-description.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['partners.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['partner-information.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['agreement-draft.odt', 'application/vnd.oasis.opendocument.text'],
    ['budget.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['site-plan.png', 'image/png'],
    ['photo.jpg', 'image/jpeg'],
    ['notes.txt', 'text/plain; charset=utf-8'],
  ])('accepts %s as %s', async (fixture, contentType) => {
    await expect(detectType(join(FIXTURES, fixture), fixture)).resolves.toMatchObject({ contentType });
  });

  it('accepts .jpeg and upper-case extensions', async () => {
    await expect(detectType(join(FIXTURES, 'photo.jpg'), 'Photo.JPEG')).resolves.toMatchObject({
      contentType: 'image/jpeg',
    });
  });

  it.each([
    ['elf-executable.pdf', 'elf-executable.pdf', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['windows-executable.pdf', 'windows-executable.pdf', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['page.txt', 'page.txt', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['page.txt', 'page.html', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['drawing.svg', 'drawing.svg', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['drawing.svg', 'drawing.txt', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['plain-archive.docx', 'plain-archive.docx', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    ['utf16-notes.txt', 'utf16-notes.txt', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    // Allowed content under the wrong name.
    ['project-description.docx', 'project-description.pdf', 'ATTACHMENT_EXTENSION_MISMATCH'],
    ['project-description.docx', 'project-description.xlsx', 'ATTACHMENT_EXTENSION_MISMATCH'],
    ['agreement-draft.odt', 'agreement-draft.docx', 'ATTACHMENT_EXTENSION_MISMATCH'],
    ['budget.ods', 'budget.odt', 'ATTACHMENT_EXTENSION_MISMATCH'],
    ['export-classification.pdf', 'export-classification', 'ATTACHMENT_EXTENSION_MISMATCH'],
    ['notes.txt', 'notes.pdf', 'ATTACHMENT_EXTENSION_MISMATCH'],
    ['notes.txt', 'notes.csv', 'ATTACHMENT_EXTENSION_MISMATCH'],
    ['site-plan.png', 'site-plan.jpg', 'ATTACHMENT_EXTENSION_MISMATCH'],
  ])('refuses %s named %s: %s', async (fixture, filename, code) => {
    const path = fileWith(Buffer.alloc(0), 'x');
    copyFileSync(join(FIXTURES, fixture), path);
    expect(await refusal(path, filename)).toBe(code);
  });

  it('takes text that merely starts like a magic number for text ("BM" of a bitmap, "ID3")', async () => {
    await expect(detectType(fileWith('BMW partnership notes\n', 'a'), 'bmw.txt')).resolves.toMatchObject({
      contentType: 'text/plain; charset=utf-8',
    });
    await expect(detectType(fileWith('ID3 of the project\n', 'b'), 'id3.txt')).resolves.toBeDefined();
  });
});

describe('classifyText', () => {
  it.each<[string, string | Buffer, string]>([
    ['ASCII', 'plain text\n', 'text'],
    ['UTF-8 with a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Ü\n')]), 'text'],
    ['tabs, form feeds, CRLF', 'a\tb\fc\r\n', 'text'],
    ['a NUL byte', 'a\0b', 'binary'],
    ['an escape character', 'a\x1b[31mred', 'binary'],
    ['invalid UTF-8', Buffer.from([0x61, 0xc3, 0x28]), 'binary'],
    ['a truncated UTF-8 sequence at the end', Buffer.from([0x61, 0xe2, 0x82]), 'binary'],
    ['Latin-1', Buffer.from('caf\xe9', 'latin1'), 'binary'],
    ['HTML after white space', '\n\n  <html><body>hi</body></html>', 'markup'],
    ['an HTML comment first', '<!-- note --> text', 'markup'],
    ['XML', '<?xml version="1.0"?><a/>', 'markup'],
    ['an SVG without a declaration', '<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'markup'],
    ['a script further down', `Notes\n${'x'.repeat(100_000)}\n<script>alert(1)</script>`, 'markup'],
    ['prose with a comparison', 'a < b and c > d\n', 'text'],
  ])('%s → %s', async (_label, content, verdict) => {
    await expect(classifyText(fileWith(content, `t-${verdict}-${Math.random()}`))).resolves.toBe(verdict);
  });

  it('finds markup split across two read chunks', async () => {
    const content = `${'a'.repeat(64 * 1024 - 3)}<script>x</script>`;
    await expect(classifyText(fileWith(content, 'split'))).resolves.toBe('markup');
  });
});
