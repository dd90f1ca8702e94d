import { languageOfLocale } from './language';

describe('languageOfLocale', () => {
  it.each([
    ['nl-BE', 'nl'],
    ['nl', 'nl'],
    ['NL_be', 'nl'],
    ['en-GB', 'en'],
    ['fr-BE', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('%s → %s', (locale, language) => {
    expect(languageOfLocale(locale)).toBe(language);
  });
});
