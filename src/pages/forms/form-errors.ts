import { ValidationError } from 'class-validator';
import { DomainError } from '../../common/domain-error';
import { Catalogue, errorMessage } from '../i18n';

/** What a refused form shows: a message next to each field (by property path) and a summary on top. */
export interface FormErrors {
  /** The refusal's code (VALIDATION_FAILED, QUORUM_NOT_MET, ...), as the API would answer it. */
  code: string;
  fields: Record<string, string>;
  /** The summary: each field error (linking to its field) and any error that belongs to no field. */
  summary: { href: string | null; message: string }[];
}

type ValidationKey = keyof Catalogue['validation'];

/** class-validator's constraint names, to the catalogue's messages. */
function keyForConstraint(constraint: string, message: string, value: unknown): ValidationKey {
  const empty = value === undefined || value === null || value === '';
  switch (constraint) {
    case 'isIn':
    case 'isBoolean':
    case 'isUuid':
    case 'isEnum':
      return empty ? 'required' : 'choose';
    case 'maxLength':
    case 'arrayMaxSize':
      return 'tooLong';
    case 'minLength':
    case 'length':
      return empty ? 'required' : /longer|shorter than or equal/.test(message) ? 'tooLong' : 'tooShort';
    case 'arrayMinSize':
      return 'atLeastOne';
    case 'arrayUnique':
      return 'duplicate';
    case 'isIso8601':
      return 'date';
    case 'isEmail':
      return 'email';
    case 'isInt':
    case 'min':
    case 'max':
      return 'number';
    case 'matches':
      if (/blank/.test(message) || empty) return 'required';
      if (/country/.test(message)) return 'country';
      if (/date/.test(message)) return 'date';
      return 'invalid';
    case 'isString':
    case 'isDefined':
    case 'isNotEmpty':
    case 'isArray':
      return 'required';
    default:
      return 'invalid';
  }
}

/** Field errors from class-validator's result, keyed by property path (`partners.0.name`). */
export function fieldErrorsOf(t: Catalogue, errors: ValidationError[], prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length && !(path in fields)) {
      const [name, message] = constraints[0];
      fields[path] = t.validation[keyForConstraint(name, message, error.value)];
    }
    Object.assign(fields, fieldErrorsOf(t, error.children ?? [], path));
  }
  return fields;
}

/**
 * The services' own refusals of bad input (400 VALIDATION_FAILED) name the field first
 * ("destinations.0.country must be a known ISO 3166-1 country code"); these are the ones a form
 * can meet, with the field they belong to.
 */
const SERVICE_MESSAGES: { pattern: RegExp; key: ValidationKey }[] = [
  { pattern: /^(\S+) must be a known ISO 3166-1 country code/, key: 'unknownCountry' },
  { pattern: /^(\S+) must not be before/, key: 'dateOrder' },
  { pattern: /^(destinations) must not be empty for a mobility proposal/, key: 'mobilityDestination' },
  { pattern: /^(from|to) must not be after/, key: 'period' },
  { pattern: /^(\S+) must be on or before/, key: 'period' },
  { pattern: /^at least one of/, key: 'atLeastOneChange' },
  { pattern: /^(file) is required/, key: 'file' },
];

/** Refusals with a code of their own that belong to one field of the form they come from. */
const CODE_FIELDS: Record<string, string> = {
  REASON_REQUIRED: 'reason',
  PROPOSAL_INCOMPLETE: 'destinations',
  UNKNOWN_COMMITTEE: 'committee',
  NOT_YOUR_COMMITTEE: 'committee',
  REVIEWER_NOT_ELIGIBLE: 'reviewerIds',
  REVIEWER_RECUSED: 'reviewerIds',
  EMAIL_TAKEN: 'email',
  SCREENING_LIST_MALFORMED: 'file',
  SCREENING_LIST_EMPTY: 'file',
};

/** A service's refusal as the form shows it; `fieldIds` maps a property path to its input's id. */
export function formErrorsOf(
  t: Catalogue,
  error: DomainError,
  fieldIds: (path: string) => string = defaultFieldId,
): FormErrors {
  const fields: Record<string, string> = {};
  if (error.code === 'VALIDATION_FAILED') {
    for (const part of error.message.split('; ')) {
      const known = SERVICE_MESSAGES.find(({ pattern }) => pattern.test(part));
      const path = known ? (known.pattern.exec(part)?.[1] ?? null) : /^([\w.]+) /.exec(part)?.[1];
      if (path) fields[path] ??= t.validation[known?.key ?? 'invalid'];
    }
  }
  const field = CODE_FIELDS[error.code];
  if (field) fields[field] ??= errorMessage(t, error.code);
  return withSummary(t, error.code, fields, fieldIds);
}

/** Errors of the form's own validation (before any service was called). */
export function validationErrors(
  t: Catalogue,
  fields: Record<string, string>,
  fieldIds: (path: string) => string = defaultFieldId,
): FormErrors {
  return withSummary(t, 'VALIDATION_FAILED', fields, fieldIds);
}

function withSummary(
  t: Catalogue,
  code: string,
  fields: Record<string, string>,
  fieldIds: (path: string) => string,
): FormErrors {
  const summary = Object.entries(fields).map(([path, message]) => ({ href: `#${fieldIds(path)}`, message }));
  const general = code === 'VALIDATION_FAILED' && summary.length ? null : errorMessage(t, code);
  return { code, fields, summary: general ? [{ href: null, message: general }, ...summary] : summary };
}

/** `partners.0.name` is the input with id `f-partners-0-name`. */
export function defaultFieldId(path: string): string {
  return `f-${path.replace(/[^\w-]/g, '-')}`;
}
