import { registerErrors } from '../common/domain-error';

export enum ScreeningErrorCode {
  ListNotFound = 'SCREENING_LIST_NOT_FOUND',
  ListMalformed = 'SCREENING_LIST_MALFORMED',
  ListEmpty = 'SCREENING_LIST_EMPTY',
  ConcurrentImport = 'SCREENING_IMPORT_CONCURRENT',
}

registerErrors<ScreeningErrorCode>({
  [ScreeningErrorCode.ListNotFound]: { status: 404, message: 'Screening list not found' },
  [ScreeningErrorCode.ListMalformed]: { status: 400, message: 'file: the list is malformed' },
  [ScreeningErrorCode.ListEmpty]: { status: 400, message: 'file: the list has no entries' },
  [ScreeningErrorCode.ConcurrentImport]: {
    status: 409,
    message: 'Another import of this list finished meanwhile; import the file again to compare with it',
  },
});
