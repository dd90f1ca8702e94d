import { splitWords } from './text';

/**
 * Longest name or alias an importer accepts. The longest name in the shipped lists has 824 characters
 * (a DoD §1286 entry that packs an institution and its affiliates into one string).
 */
export const MAX_LISTED_NAME_LENGTH = 1000;

/** Longest name that is screened: a partner name or a search. */
export const MAX_SCREENED_NAME_LENGTH = 300;

/**
 * Longest word, as the matcher splits a name (at spaces, hyphens, dots and punctuation; every Chinese or
 * Korean character on its own). The longest word in the shipped lists has 36 letters.
 */
export const MAX_WORD_LENGTH = 60;

/** Words of a name the matcher keeps; the longest shipped name has 76 after normalisation. */
export const MAX_NAME_WORDS = 100;

const LONG_RUN = new RegExp(`\\S{${MAX_WORD_LENGTH + 1}}`);

/** Length in Unicode code points, as class-validator's length checks count. */
export function nameLength(name: string): number {
  let length = name.length;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < name.length) {
      const next = name.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

export interface NameBoundViolation {
  bound: 'name-length' | 'word-length';
  /** Says which bound, e.g. "is longer than 300 characters", to follow the name of the field. */
  message: string;
}

/** Whether a name breaks a bound: too long, or a word too long; null when it is within them. */
export function checkNameBounds(name: string, maxLength = MAX_SCREENED_NAME_LENGTH): NameBoundViolation | null {
  if (nameLength(name) > maxLength) return { bound: 'name-length', message: `is longer than ${maxLength} characters` };
  // Words lie within runs of non-spaces: only a long run needs splitting the way the matcher does.
  if (!LONG_RUN.test(name)) return null;
  for (const word of splitWords(name)) {
    if (word.text.length > MAX_WORD_LENGTH) {
      return {
        bound: 'word-length',
        message: `has a word longer than ${MAX_WORD_LENGTH} characters ("${word.text.slice(0, 20)}…")`,
      };
    }
  }
  return null;
}
