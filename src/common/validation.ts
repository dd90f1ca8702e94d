import { ValidateIf } from 'class-validator';

/**
 * The property may be left out, but when it is given it must be valid. Unlike `@IsOptional()`, which
 * also skips validation for `null`, an explicit `null` is refused with a 400 naming the field, rather
 * than passed on to code that expects a value. Use `@IsOptional()` only where null means "none".
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
