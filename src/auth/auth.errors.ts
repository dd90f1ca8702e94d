import { registerErrors } from '../common/domain-error';

export enum AuthErrorCode {
  LoginFailed = 'LOGIN_FAILED',
  WrongCurrentPassword = 'WRONG_CURRENT_PASSWORD',
  LoginRateLimited = 'LOGIN_RATE_LIMITED',
}

registerErrors<AuthErrorCode>({
  // The same answer for an unknown e-mail and a wrong password.
  [AuthErrorCode.LoginFailed]: { status: 401, message: 'Invalid email or password' },
  [AuthErrorCode.WrongCurrentPassword]: { status: 401, message: 'The current password is not correct' },
  [AuthErrorCode.LoginRateLimited]: {
    status: 429,
    message: 'Too many failed login attempts; try again later',
  },
});
