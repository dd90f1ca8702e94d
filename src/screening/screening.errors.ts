import { registerErrors } from '../common/domain-error';

export enum ScreeningErrorCode {
  ListNotFound = 'SCREENING_LIST_NOT_FOUND',
  ListMalformed = 'SCREENING_LIST_MALFORMED',
  ListEmpty = 'SCREENING_LIST_EMPTY',
  ConcurrentImport = 'SCREENING_IMPORT_CONCURRENT',
  NameTooLong = 'SCREENING_NAME_TOO_LONG',
  WordTooLong = 'SCREENING_WORD_TOO_LONG',
  MalformedUpload = 'SCREENING_UPLOAD_MALFORMED',
  SourceNotFound = 'SCREENING_SOURCE_NOT_FOUND',
  SourceExists = 'SCREENING_SOURCE_EXISTS',
}

registerErrors<ScreeningErrorCode>({
  [ScreeningErrorCode.ListNotFound]: { status: 404, message: 'Screening list not found' },
  [ScreeningErrorCode.ListMalformed]: { status: 400, message: 'file: the list is malformed' },
  [ScreeningErrorCode.ListEmpty]: { status: 400, message: 'file: the list has no entries' },
  [ScreeningErrorCode.ConcurrentImport]: {
    status: 409,
    message: 'Another import of this list finished meanwhile; import the file again to compare with it',
  },
  [ScreeningErrorCode.NameTooLong]: { status: 400, message: 'file: a listed name is too long' },
  [ScreeningErrorCode.WordTooLong]: { status: 400, message: 'file: a listed name has a word that is too long' },
  [ScreeningErrorCode.MalformedUpload]: {
    status: 400,
    message: 'The body must be multipart/form-data with one file, a name and a format',
  },
  [ScreeningErrorCode.SourceNotFound]: { status: 404, message: 'Screening list source not found' },
  [ScreeningErrorCode.SourceExists]: { status: 409, message: 'A source for a list of this name exists already' },
});
