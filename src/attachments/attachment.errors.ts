import { registerErrors } from '../common/domain-error';
import { ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_CASE } from './attachment-kinds';

export enum AttachmentErrorCode {
  NotFound = 'ATTACHMENT_NOT_FOUND',
  FileMissing = 'ATTACHMENT_FILE_MISSING',
  FileEmpty = 'ATTACHMENT_FILE_EMPTY',
  KindInvalid = 'ATTACHMENT_KIND_INVALID',
  FilenameInvalid = 'ATTACHMENT_FILENAME_INVALID',
  MultipartMalformed = 'ATTACHMENT_MULTIPART_MALFORMED',
  OneFileOnly = 'ATTACHMENT_ONE_FILE_ONLY',
  FieldDuplicated = 'ATTACHMENT_FIELD_DUPLICATED',
  FieldUnknown = 'ATTACHMENT_FIELD_UNKNOWN',
  TooLarge = 'ATTACHMENT_TOO_LARGE',
  LimitReached = 'ATTACHMENT_LIMIT_REACHED',
  TypeNotAllowed = 'ATTACHMENT_TYPE_NOT_ALLOWED',
  ExtensionMismatch = 'ATTACHMENT_EXTENSION_MISMATCH',
  NotYours = 'ATTACHMENT_NOT_YOURS',
  IntegrityFailed = 'ATTACHMENT_INTEGRITY_FAILED',
}

registerErrors<AttachmentErrorCode>({
  [AttachmentErrorCode.NotFound]: { status: 404, message: 'Attachment not found' },
  [AttachmentErrorCode.FileMissing]: { status: 400, message: 'file is required (one multipart file part named file)' },
  [AttachmentErrorCode.FileEmpty]: { status: 400, message: 'file is empty' },
  [AttachmentErrorCode.KindInvalid]: {
    status: 400,
    message: `kind is required and must be one of ${ATTACHMENT_KINDS.join(', ')}`,
  },
  [AttachmentErrorCode.FilenameInvalid]: {
    status: 400,
    message: 'file must have a file name with an extension (such as report.pdf)',
  },
  [AttachmentErrorCode.MultipartMalformed]: {
    status: 400,
    message: 'The body must be multipart/form-data (with a boundary) holding a file part and a kind field',
  },
  [AttachmentErrorCode.OneFileOnly]: { status: 400, message: 'Send exactly one file per request' },
  [AttachmentErrorCode.FieldDuplicated]: { status: 400, message: 'A form field was sent more than once' },
  [AttachmentErrorCode.FieldUnknown]: {
    status: 400,
    message: 'Unknown form field: only file and kind are accepted',
  },
  [AttachmentErrorCode.TooLarge]: {
    status: 413,
    message: `A document may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`,
  },
  [AttachmentErrorCode.LimitReached]: {
    status: 409,
    message: `A case may have at most ${MAX_ATTACHMENTS_PER_CASE} documents of this kind (the proposal's, or internal ones)`,
  },
  [AttachmentErrorCode.TypeNotAllowed]: {
    status: 415,
    message:
      'Only PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPEG and plain UTF-8 text are accepted (read from the content)',
  },
  [AttachmentErrorCode.ExtensionMismatch]: {
    status: 415,
    message: "The file name's extension does not match its content",
  },
  [AttachmentErrorCode.NotYours]: { status: 403, message: 'Only the person who uploaded a document may remove it' },
  [AttachmentErrorCode.IntegrityFailed]: {
    status: 500,
    message: 'The stored document failed its integrity check and is not served; the incident was logged',
  },
});
