import { registerErrors } from '../common/domain-error';

export enum UserErrorCode {
  NotFound = 'USER_NOT_FOUND',
  EmailTaken = 'EMAIL_TAKEN',
  LastAdmin = 'LAST_ADMIN',
}

registerErrors<UserErrorCode>({
  [UserErrorCode.NotFound]: { status: 404, message: 'User not found' },
  [UserErrorCode.EmailTaken]: { status: 409, message: 'A user with this email already exists' },
  [UserErrorCode.LastAdmin]: {
    status: 409,
    message: 'The last active admin cannot be deactivated or lose the admin role',
  },
});
