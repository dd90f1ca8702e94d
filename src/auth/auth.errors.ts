import { registerErrors } from '../common/domain-error';

export enum AuthErrorCode {
  LoginFailed = 'LOGIN_FAILED',
  WrongCurrentPassword = 'WRONG_CURRENT_PASSWORD',
  LoginRateLimited = 'LOGIN_RATE_LIMITED',
  PasswordLoginDisabled = 'PASSWORD_LOGIN_DISABLED',
  SessionExpired = 'SESSION_EXPIRED',
  CsrfTokenInvalid = 'CSRF_TOKEN_INVALID',
  SsoDisabled = 'SSO_DISABLED',
  SsoUnavailable = 'SSO_UNAVAILABLE',
  SsoStateMismatch = 'SSO_STATE_MISMATCH',
  SsoFailed = 'SSO_FAILED',
  SsoEmailNotVerified = 'SSO_EMAIL_NOT_VERIFIED',
  SsoNoAccount = 'SSO_NO_ACCOUNT',
}

registerErrors<AuthErrorCode>({
  // The same answer for an unknown e-mail and a wrong password.
  [AuthErrorCode.LoginFailed]: { status: 401, message: 'Invalid email or password' },
  [AuthErrorCode.WrongCurrentPassword]: { status: 401, message: 'The current password is not correct' },
  [AuthErrorCode.LoginRateLimited]: {
    status: 429,
    message: 'Too many failed login attempts; try again later',
  },
  // Given only after the password was found correct, so it tells nothing to someone guessing.
  [AuthErrorCode.PasswordLoginDisabled]: {
    status: 403,
    message: 'Password login is turned off for this account; sign in through the university account',
  },
  [AuthErrorCode.SessionExpired]: { status: 401, message: 'The session has ended; sign in again' },
  [AuthErrorCode.CsrfTokenInvalid]: {
    status: 403,
    message: 'A request with the session cookie must carry the X-CSRF-Token header of the session',
  },
  [AuthErrorCode.SsoDisabled]: { status: 404, message: 'Single sign-on is not configured' },
  [AuthErrorCode.SsoUnavailable]: {
    status: 503,
    message: 'The identity provider cannot be reached; try again later',
  },
  // The refusals of a sign-in say what the person can do about it, and nothing about tokens or accounts.
  [AuthErrorCode.SsoStateMismatch]: {
    status: 401,
    message: 'This sign-in was not started here or has expired; start it again',
  },
  [AuthErrorCode.SsoFailed]: { status: 401, message: 'The sign-in could not be completed; start it again' },
  [AuthErrorCode.SsoEmailNotVerified]: {
    status: 401,
    message: 'The identity provider did not confirm your e-mail address, so it cannot be matched to an account',
  },
  [AuthErrorCode.SsoNoAccount]: {
    status: 401,
    message: 'There is no active account for you here; ask an administrator for access',
  },
});
