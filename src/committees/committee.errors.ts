import { registerErrors } from '../common/domain-error';

export enum CommitteeErrorCode {
  NotFound = 'COMMITTEE_NOT_FOUND',
  Exists = 'COMMITTEE_EXISTS',
}

registerErrors<CommitteeErrorCode>({
  [CommitteeErrorCode.NotFound]: { status: 404, message: 'Committee not found' },
  [CommitteeErrorCode.Exists]: { status: 409, message: 'A committee with this key already exists' },
});
