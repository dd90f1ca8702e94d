import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

/**
 * A refusal the domain can name. Services throw these; one filter maps them to HTTP, so the
 * status for each kind of refusal is decided in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly status: HttpStatus.BAD_REQUEST | HttpStatus.NOT_FOUND | HttpStatus.CONFLICT | HttpStatus.FORBIDDEN,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError(HttpStatus.NOT_FOUND, `${what} not found`, 'not_found');
export const conflict = (message: string, code = 'conflict') => new DomainError(HttpStatus.CONFLICT, message, code);
export const badRequest = (message: string, code = 'invalid') => new DomainError(HttpStatus.BAD_REQUEST, message, code);

/** A unique index refused the write (PostgreSQL 23505, SQLite UNIQUE constraint): usually a concurrent twin won. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string };
  return driverError.code === '23505' || /UNIQUE constraint failed/.test(driverError.message ?? '');
}
