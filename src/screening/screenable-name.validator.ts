import { ValidateBy, ValidationOptions } from 'class-validator';
import { checkNameBounds, MAX_SCREENED_NAME_LENGTH } from './matching';

/**
 * A name the matcher screens: at most `maxLength` characters and no word longer than MAX_WORD_LENGTH
 * (see matching/limits.ts). For DTOs whose field is screened, such as a search or a partner name.
 */
export function IsScreenableName(maxLength = MAX_SCREENED_NAME_LENGTH, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isScreenableName',
      constraints: [maxLength],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || checkNameBounds(value, maxLength) === null,
        defaultMessage: (args) =>
          `${args?.property ?? 'name'} ${checkNameBounds(String(args?.value), maxLength)?.message ?? 'cannot be screened'}`,
      },
    },
    options,
  );
}
