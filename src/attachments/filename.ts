import anyAscii from 'any-ascii';

/** A cleaned file name has at most this many characters (code points), its extension included. */
export const MAX_FILENAME_LENGTH = 200;

/*
 * Control and format characters (C0, DEL, C1, bidirectional overrides, zero-width characters), line
 * and paragraph separators: never part of a name a person chose, sometimes part of an attack (a
 * right-to-left override turns "report_fdp.exe" into what reads as "report_exe.pdf").
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Characters that a file name cannot hold on a common file system; the client saves it under this name. */
const RESERVED = /[<>:"|?*]/g;

/**
 * The name a document is kept and offered under: the last segment of what the client sent (no
 * folders), NFC-normalised, without control and format characters, with runs of white space as
 * one space, without leading dots, trailing dots or spaces, and at most MAX_FILENAME_LENGTH
 * characters (the stem is shortened, the extension kept). Null when nothing usable remains.
 */
export function cleanFilename(raw: string): string | null {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  const chars = [...name];
  if (chars.length > MAX_FILENAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 ? [...name.slice(dot)] : [];
    if (extension.length > 16) return null;
    const stem = [...name.slice(0, dot > 0 ? dot : name.length)].slice(0, MAX_FILENAME_LENGTH - extension.length);
    name = `${stem.join('').trimEnd()}${extension.join('')}`;
  }
  return name.length > 0 ? name : null;
}

/** The lower-case extension without its dot ("pdf"), or null when the name has none. */
export function extensionOf(filename: string): string | null {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0 || dot === filename.length - 1) return null;
  return filename.slice(dot + 1).toLowerCase();
}

/** RFC 5987 attr-char: what may stand unescaped in `filename*`. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

function encodeRfc5987(value: string): string {
  let out = '';
  for (const char of value) {
    if (ATTR_CHAR.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * `Content-Disposition: attachment` with the name twice (RFC 6266): `filename*=UTF-8''...` with the
 * exact name, and `filename="..."` as an ASCII transliteration for clients that do not read the first
 * ("Überblick.pdf" → "Uberblick.pdf"), without quotes, backslashes or percent signs.
 */
export function contentDisposition(filename: string): string {
  const fallback =
    anyAscii(filename)
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%]/g, '_')
      .trim() || 'download';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}
