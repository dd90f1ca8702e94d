import { QueryFailedError } from 'typeorm';

/** The HTTP statuses a refusal may have. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

export interface ErrorDefinition {
  status: ErrorStatus;
  /** The default message, for people; clients switch on the code. */
  message: string;
}

const DEFINITIONS = new Map<string, ErrorDefinition>();

/**
 * Declares a module's error codes (stable UPPER_SNAKE strings) with their HTTP status and default
 * message. Each module keeps its codes in its own `*.errors.ts`; a code is declared once.
 */
export function registerErrors<C extends string>(definitions: Record<C, ErrorDefinition>): void {
  for (const [code, definition] of Object.entries<ErrorDefinition>(definitions)) {
    const known = DEFINITIONS.get(code);
    if (known && known !== definition) throw new Error(`Error code ${code} is declared twice`);
    DEFINITIONS.set(code, definition);
  }
}

export function errorDefinition(code: string): ErrorDefinition | undefined {
  return DEFINITIONS.get(code);
}

export function registeredErrorCodes(): string[] {
  return [...DEFINITIONS.keys()];
}

/**
 * A refusal the domain can name. Services throw these; one filter turns them into the HTTP answer
 * `{statusCode, message, error, code}`, so the status of each kind of refusal is decided where its
 * code is declared.
 */
export class DomainError extends Error {
  readonly status: ErrorStatus;

  constructor(
    readonly code: string,
    message?: string,
  ) {
    const definition = DEFINITIONS.get(code);
    if (!definition) throw new Error(`Undeclared error code ${code}`);
    super(message ?? definition.message);
    this.status = definition.status;
  }
}

/** A unique index refused the write (PostgreSQL 23505, SQLite UNIQUE constraint): usually a concurrent twin won. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; message?: string };
  return driverError.code === '23505' || /UNIQUE constraint failed/.test(driverError.message ?? '');
}
