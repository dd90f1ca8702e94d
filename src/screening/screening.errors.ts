import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

/** Codes of the screening module's refusals. The first two predate this file and keep their spelling. */
export enum ScreeningErrorCode {
  MalformedList = 'malformed_list',
  EmptyList = 'empty_list',
  NameTooLong = 'SCREENING_NAME_TOO_LONG',
  WordTooLong = 'SCREENING_WORD_TOO_LONG',
  MalformedUpload = 'SCREENING_UPLOAD_MALFORMED',
}

/** A refusal of a list import or a search: always a 400 whose message names the field, line or record. */
export class ScreeningError extends DomainError {
  constructor(code: ScreeningErrorCode, message: string) {
    super(HttpStatus.BAD_REQUEST, message, code);
  }
}
