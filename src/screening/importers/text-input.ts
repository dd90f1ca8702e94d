import { ScreeningParseError } from './screening-record';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Decodes UTF-8 (a BOM is dropped). Rejects other encodings, such as a Windows-1252 export,
 * instead of silently turning names into replacement characters.
 */
export function decodeUtf8(input: Buffer, file?: string): string {
  try {
    return strictUtf8.decode(input);
  } catch {
    const text = lenientUtf8.decode(input);
    const line = lineOfIndex(text, text.indexOf('\uFFFD'));
    throw new ScreeningParseError('input is not valid UTF-8', at(file, `line ${line}`));
  }
}

export function at(file: string | undefined, location: string): string {
  return file ? `${file} ${location}` : location;
}

/** 1-based line number of a character index. */
export function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export interface TextLine {
  line: number;
  text: string;
}

/** Non-blank lines with their 1-based numbers; accepts LF and CRLF. */
export function* nonBlankLines(text: string): Generator<TextLine> {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    if (raw.trim() !== '') yield { line, text: raw };
    start = end + 1;
    line++;
  }
}

/** JSON.parse with a location for the error: the line where V8 says it failed, if it says. */
export function parseJsonDocument(text: string, file?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const location = position ? `line ${lineOfIndex(text, Number(position[1]))}` : 'document';
    throw new ScreeningParseError(`not valid JSON (${message})`, at(file, location));
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The strings in a value that should be a string list; anything else is ignored. */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string');
}

/** A string or number field as trimmed text; anything else as "". */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}
