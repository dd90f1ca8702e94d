import { DomainError, registerErrors } from './domain-error';

/** Refusals that any route may give, whatever its module. */
export enum CommonErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedBody = 'MALFORMED_BODY',
  BodyTooDeep = 'BODY_TOO_DEEP',
  NotAuthenticated = 'NOT_AUTHENTICATED',
  TokenInvalid = 'TOKEN_INVALID',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
}

registerErrors<CommonErrorCode>({
  [CommonErrorCode.ValidationFailed]: { status: 400, message: 'Invalid input' },
  [CommonErrorCode.MalformedBody]: { status: 400, message: 'The body is not well-formed' },
  [CommonErrorCode.BodyTooDeep]: { status: 400, message: 'The body nests too deeply' },
  [CommonErrorCode.NotAuthenticated]: { status: 401, message: 'Not authenticated' },
  [CommonErrorCode.TokenInvalid]: { status: 401, message: 'Invalid or expired token' },
  [CommonErrorCode.Forbidden]: { status: 403, message: 'You may not do this' },
  [CommonErrorCode.NotFound]: { status: 404, message: 'Not found' },
  [CommonErrorCode.PayloadTooLarge]: { status: 413, message: 'The body is too large' },
  [CommonErrorCode.UnsupportedMediaType]: { status: 415, message: 'Unsupported media type' },
  [CommonErrorCode.TooManyRequests]: { status: 429, message: 'Too many requests; try again later' },
  [CommonErrorCode.ServiceUnavailable]: { status: 503, message: 'The service is not available' },
});

/** The code of a refusal that carries none of its own (a framework exception), by its status. */
export const CODE_BY_STATUS: Readonly<Record<number, CommonErrorCode>> = {
  400: CommonErrorCode.ValidationFailed,
  401: CommonErrorCode.NotAuthenticated,
  403: CommonErrorCode.Forbidden,
  404: CommonErrorCode.NotFound,
  413: CommonErrorCode.PayloadTooLarge,
  415: CommonErrorCode.UnsupportedMediaType,
  429: CommonErrorCode.TooManyRequests,
  503: CommonErrorCode.ServiceUnavailable,
};

/** A 400 naming the bad input. */
export const invalidInput = (message: string) => new DomainError(CommonErrorCode.ValidationFailed, message);
