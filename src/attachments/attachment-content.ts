import { createReadStream } from 'node:fs';
import { fileTypeFromFile } from 'file-type';
import { DomainError } from '../common/domain-error';
import { AttachmentErrorCode } from './attachment.errors';
import { extensionOf } from './filename';

/** What a document was recognised as, from its content. */
export interface DetectedType {
  /** Sent as Content-Type on download. */
  contentType: string;
  /** The name's extension must be one of these. */
  extensions: readonly string[];
  label: string;
}

/**
 * Binary formats accepted, keyed by what `file-type` calls them. Office documents are ZIP files;
 * `file-type` looks inside: OOXML by the main part declared in `[Content_Types].xml` (or, when that
 * cannot be parsed, the `word/`, `xl/`, `ppt/` folders beside it), ODF by the `mimetype` entry.
 * Macro-enabled variants (docm, xlsm, pptm), templates, slide shows and any other ZIP are refused.
 */
const BINARY_TYPES: Readonly<Record<string, DetectedType>> = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'DOCX',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'XLSX',
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    label: 'PPTX',
  },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'ODT' },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], label: 'ODS' },
  png: { contentType: 'image/png', extensions: ['png'], label: 'PNG' },
  // An animated PNG is a PNG that viewers without animation show as its first frame.
  apng: { contentType: 'image/png', extensions: ['png'], label: 'PNG' },
  jpg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
};

/** Plain text: served as UTF-8 text. CSV is not among the extensions: a spreadsheet would run its formulas. */
export const PLAIN_TEXT: DetectedType = {
  contentType: 'text/plain; charset=utf-8',
  extensions: ['txt', 'text'],
  label: 'plain text',
};

/** Every content type a document may be served with (for the OpenAPI document). */
export const ALLOWED_CONTENT_TYPES = [
  ...new Set([...Object.values(BINARY_TYPES), PLAIN_TEXT].map((t) => t.contentType)),
];

/**
 * Bytes that plain text never holds: the C0 controls other than tab, line feed, form feed and
 * carriage return, and DEL. NUL in particular marks binary data (and UTF-16, which is not UTF-8).
 */
// eslint-disable-next-line no-control-regex -- control bytes are what this looks for
const CONTROL_BYTE = /[\x00-\x08\x0b\x0e-\x1f\x7f]/;

/**
 * Markup that a browser or an XML reader would treat as a document of its own: HTML by the
 * patterns a browser sniffs at the start (WHATWG MIME Sniffing, "identifying an unknown MIME type"),
 * XML (an SVG is XML), and anywhere in the text the elements that carry active content.
 */
const MARKUP_AT_START =
  /^(<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p|<!--)[\s>]|^<\?xml|^<svg[\s>/]/i;
const MARKUP_ANYWHERE = /<(html|script|svg|iframe|object|embed|!doctype\s+html)[\s>/]|<\?xml\s/i;
/** Enough overlap between chunks for MARKUP_ANYWHERE to see a marker split across two of them. */
const MARKUP_OVERLAP = 32;

export type TextVerdict = 'text' | 'binary' | 'markup';

/**
 * Reads the file once: plain text is valid UTF-8 throughout (an incomplete sequence at the end
 * too), holds no control bytes (see CONTROL_BYTE) and no markup (see MARKUP_AT_START and
 * MARKUP_ANYWHERE). A UTF-8 byte order mark is allowed.
 */
export async function classifyText(path: string): Promise<TextVerdict> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let start = true;
  let tail = '';
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      if (CONTROL_BYTE.test(chunk.toString('latin1'))) return 'binary';
      const text = tail + decoder.decode(chunk, { stream: true });
      if (start && text.trimStart().length > 0) {
        if (MARKUP_AT_START.test(text.trimStart())) return 'markup';
        start = false;
      }
      if (MARKUP_ANYWHERE.test(text)) return 'markup';
      tail = text.slice(-MARKUP_OVERLAP);
    }
    const rest = tail + decoder.decode();
    if ((start && MARKUP_AT_START.test(rest.trimStart())) || MARKUP_ANYWHERE.test(rest)) return 'markup';
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return 'binary';
    throw error;
  }
  return 'text';
}

/**
 * The type of the stored file, read from its content (`file-type` for binary formats, then the
 * plain-text rules), and checked against the extension of `filename`. 415 for any other content,
 * and for content whose type the name's extension contradicts.
 */
export async function detectType(path: string, filename: string): Promise<DetectedType> {
  const extension = extensionOf(filename);
  const found = await fileTypeFromFile(path);
  let detected: DetectedType | undefined = found ? BINARY_TYPES[found.ext] : undefined;
  if (!detected) {
    // Text can start with what looks like a magic number ("BM" of a bitmap, "ID3" of an MP3):
    // what counts is whether the whole file is plain text.
    const verdict = await classifyText(path);
    if (verdict === 'markup')
      throw new DomainError(
        AttachmentErrorCode.TypeNotAllowed,
        'HTML, SVG and XML are not accepted, also not as text (the content holds markup)',
      );
    if (verdict === 'binary')
      throw new DomainError(
        AttachmentErrorCode.TypeNotAllowed,
        found
          ? `The content is ${found.ext.toUpperCase()} (${found.mime}), which is not accepted`
          : 'The content is of a type that is not accepted',
      );
    detected = PLAIN_TEXT;
  }
  if (!extension || !detected.extensions.includes(extension)) {
    throw new DomainError(
      AttachmentErrorCode.ExtensionMismatch,
      `The content is ${detected.label}, so the file name must end in ${detected.extensions.map((e) => `.${e}`).join(' or ')}`,
    );
  }
  return detected;
}
