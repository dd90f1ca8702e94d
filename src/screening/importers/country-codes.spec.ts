import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ISO_COUNTRY_CODES, countryCodeFromName, normalizeCountryCode, resolveCountry } from './country-codes';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/screening');

describe('country codes', () => {
  it('knows the 249 officially assigned ISO 3166-1 codes and nothing else', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    expect(ISO_COUNTRY_CODES.has('NL')).toBe(true);
    expect(ISO_COUNTRY_CODES.has('XK')).toBe(false);
  });

  it.each([
    ['Iran (Islamic Republic of)', 'IR'],
    ["Democratic People's Republic of Korea", 'KP'],
    ['Republic of Korea', 'KR'],
    ['Russian Federation', 'RU'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GB'],
    ['United States of America', 'US'],
    ['Syrian Arab Republic', 'SY'],
    ['State of Palestine', 'PS'],
    ['China, Hong Kong Special Administrative Region', 'HK'],
    ['Democratic Republic of the Congo', 'CD'],
    ['Congo', 'CG'],
    ['United Republic of Tanzania', 'TZ'],
    ['Viet Nam', 'VN'],
    ['Türkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Cote d’Ivoire', 'CI'],
    ['Guinea Bissau', 'GW'],
    ['the Netherlands', 'NL'],
    ['  NETHERLANDS ', 'NL'],
    ['British Virgin Islands', 'VG'],
    ['중국', 'CN'],
    ['러시아', 'RU'],
    ['이란', 'IR'],
    ['북한', 'KP'],
    ['한국', 'KR'],
    ['홍콩', 'HK'],
    ['튀르키예', 'TR'],
    ['남아프리카공화국', 'ZA'],
    ['호주', 'AU'],
  ])('resolves %s to %s', (name, code) => {
    expect(countryCodeFromName(name)).toBe(code);
  });

  it.each(['former Soviet Union', 'na', 'Kosovo', 'Korea', 'Yugoslavia', '', 'Atlantis'])(
    'does not guess a code for %j',
    (name) => {
      expect(countryCodeFromName(name)).toBeUndefined();
    },
  );

  it('normalises codes and refuses unassigned ones', () => {
    expect(normalizeCountryCode('ru')).toBe('RU');
    expect(normalizeCountryCode(' cn ')).toBe('CN');
    for (const code of ['XK', 'CS', '00', 'suhh', 'zz', '']) expect(normalizeCountryCode(code)).toBeUndefined();
  });

  it('resolves a code or, failing that, a name', () => {
    expect(resolveCountry('nl')).toBe('NL');
    expect(resolveCountry('UK')).toBe('GB');
    expect(resolveCountry('Iran')).toBe('IR');
    expect(resolveCountry('XX')).toBeUndefined();
  });

  it('maps every country value of the restricted-parties excerpt, "/"-joined ones included', () => {
    const parties = JSON.parse(readFileSync(join(FIXTURES, 'restricted-parties.excerpt.json'), 'utf8')) as {
      countries: string[];
    }[];
    const values = new Set(parties.flatMap((party) => party.countries.flatMap((value) => value.split('/'))));
    expect(values.size).toBe(10);
    expect([...values].filter((value) => countryCodeFromName(value) === undefined)).toEqual([]);
  });
});
