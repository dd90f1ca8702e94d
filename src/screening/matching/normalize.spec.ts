import { MAX_LISTED_NAME_LENGTH, MAX_NAME_WORDS, MAX_WORD_LENGTH } from './limits';
import { normalizeName, NameToken } from './normalize';

const kinds = (tokens: NameToken[]): string[] => tokens.map((t) => `${t.kind}:${t.latin}`);

describe('normalizeName', () => {
  it('folds case, accents and punctuation', () => {
    expect(normalizeName('Société Générale').key).toBe(normalizeName('SOCIETE GENERALE').key);
    expect(normalizeName('Recep Tayyip Erdoğan').tokens.map((t) => t.latin)).toEqual(['recep', 'tayyip', 'erdogan']);
    expect(normalizeName("Al-Qa'ida").key).toBe(normalizeName('Al Qaida').key);
    expect(normalizeName('Coca-Cola').tokens.map((t) => t.latin)).toEqual(['coca', 'cola']);
  });

  it('joins dotted initialisms and reads & as and', () => {
    expect(normalizeName('A.B.C. Company').tokens[0].latin).toBe('abc');
    expect(normalizeName('Procter & Gamble').key).toBe(normalizeName('Procter and Gamble').key);
  });

  it('ignores word order in the lookup key', () => {
    expect(normalizeName('Vladimir Putin').key).toBe(normalizeName('Putin Vladimir').key);
  });

  it('reads "SURNAME, Given" as "Given SURNAME"', () => {
    const name = normalizeName('PUTIN, Vladimir Vladimirovich');
    expect(name.reordered).toBe(true);
    expect(name.tokens.map((t) => t.latin)).toEqual(['vladimir', 'vladimirovich', 'putin']);
  });

  it('does not reorder an organisation with a comma before its legal form', () => {
    const name = normalizeName('Bowne Global Solutions, L.L.C.');
    expect(name.reordered).toBe(false);
    expect(kinds(name.tokens)).toEqual(['word:bowne', 'generic:global', 'generic:solution', 'legal:LLC']);
  });

  it('recognises legal forms, including multi-word ones', () => {
    expect(kinds(normalizeName('Samsung Electronics Co., Ltd.').tokens)).toEqual([
      'word:samsung',
      'word:electronic',
      'generic:co',
      'legal:LLC',
    ]);
    expect(kinds(normalizeName('Volkswagen Gesellschaft mit beschränkter Haftung').tokens)).toEqual([
      'word:volkswagen',
      'legal:LLC',
    ]);
    expect(kinds(normalizeName('ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "БАЙ"').tokens)).toEqual([
      'legal:LLC',
      'word:bai',
    ]);
  });

  it('keeps short legal forms that are ordinary words inside a name', () => {
    expect(kinds(normalizeName('Al-Qaida in Iraq').tokens)).not.toContain('legal:in');
    expect(normalizeName('Siemens AG').tokens[1].kind).toBe('legal');
  });

  it('marks generic organisation words in several languages', () => {
    for (const name of [
      'University of Tehran',
      'Universiteit van Amsterdam',
      'Université Paris-Saclay',
      'Universität Heidelberg',
      '北京大学',
      'Московский университет',
    ]) {
      expect(normalizeName(name).tokens.some((t) => t.kind === 'generic' && t.latin === 'university')).toBe(true);
    }
    expect(kinds(normalizeName('Harbin Institute of Technology').tokens)).toEqual([
      'word:harbin',
      'generic:institute',
      'generic:tech',
    ]);
  });

  it('expands abbreviations and spelling variants', () => {
    expect(normalizeName('Natl. Univ. of Defence Technology').key).toBe(
      normalizeName('National University of Defense Technology').key,
    );
    expect(normalizeName('Chinese Acad. of Sci.').key).toBe(normalizeName('Chinese Academy of Sciences').key);
    expect(normalizeName('Intl Labour Organisation').key).toBe(normalizeName('International Labor Organization').key);
  });

  it('drops leading titles and keeps name particles with low weight', () => {
    expect(normalizeName('Mr. Rami Makhlouf').key).toBe('makhlouf rami');
    expect(kinds(normalizeName('Bashar al-Assad').tokens)).toEqual(['word:bashar', 'particle:al', 'word:assad']);
  });

  it('reads number words, ordinals and series numerals as digits', () => {
    expect(normalizeName('Brigade Forty-Four').key).toBe(normalizeName('Brigade 44').key);
    expect(normalizeName('First International Bank').key).toBe(normalizeName('1st International Bank').key);
    expect(normalizeName('Citigroup Capital Trust XV').tokens.at(-1)).toMatchObject({ kind: 'number', latin: '15' });
    expect(normalizeName('Xi Jinping').tokens[0].kind).toBe('word');
  });

  it('transliterates Cyrillic and Greek', () => {
    expect(normalizeName('Владимир Путин').tokens.map((t) => t.latin)).toEqual(['vladimir', 'putin']);
    expect(normalizeName('Владимир Путин').script).toBe('cyrillic');
    expect(normalizeName('Κυριάκος Μητσοτάκης').tokens.map((t) => t.latin)).toEqual(['kyriakos', 'mitsotakis']);
    expect(normalizeName('Κυριάκος Μητσοτάκης').script).toBe('greek');
  });

  it('splits Chinese into characters with pinyin and finds institution words', () => {
    const name = normalizeName('北京大学');
    expect(name.script).toBe('han');
    expect(name.tokens.map((t) => [t.text, t.latin])).toEqual([
      ['北', 'bei'],
      ['京', 'jing'],
      ['university', 'university'],
    ]);
  });

  it('marks a name’s own acronym', () => {
    const name = normalizeName('National University of Defense Technology (NUDT)');
    expect(name.tokens.find((t) => t.latin === 'nudt')?.acronymOf).toHaveLength(4);
    expect(name.key).toBe(normalizeName('National University of Defense Technology').key);
  });

  it('treats words that are also object property names as plain words', () => {
    expect(kinds(normalizeName('Constructor toString Prototype').tokens)).toEqual([
      'word:constructor',
      'word:tostring',
      'word:prototype',
    ]);
  });

  it('returns no tokens for an empty or punctuation-only name', () => {
    expect(normalizeName('').tokens).toEqual([]);
    expect(normalizeName(' ,.- ').tokens).toEqual([]);
  });

  describe('stays bounded whatever the input', () => {
    it('cuts a word longer than MAX_WORD_LENGTH', () => {
      const name = normalizeName('a'.repeat(100_000));
      expect(name.tokens).toHaveLength(1);
      expect(name.tokens[0].latin).toHaveLength(MAX_WORD_LENGTH);
      expect(name.tokens[0].text).toHaveLength(MAX_WORD_LENGTH);
    });

    it('cuts a long dotted initialism and a long transliteration', () => {
      expect(normalizeName('A.'.repeat(5_000)).tokens[0].latin.length).toBeLessThanOrEqual(MAX_WORD_LENGTH);
      expect(normalizeName('Щ'.repeat(200)).tokens[0].latin.length).toBeLessThanOrEqual(MAX_WORD_LENGTH);
    });

    it('reads a name up to MAX_LISTED_NAME_LENGTH characters and keeps at most MAX_NAME_WORDS words', () => {
      const words = Array.from({ length: 2_000 }, (_, i) => `w${i}x`);
      const name = normalizeName(words.join(' '));
      expect(name.tokens.length).toBeLessThanOrEqual(MAX_NAME_WORDS);
      const short = normalizeName(`${'b '.repeat(MAX_LISTED_NAME_LENGTH)}Zebra`);
      expect(short.tokens.map((t) => t.latin)).not.toContain('zebra');
      expect(normalizeName('one two three four', 2).tokens.map((t) => t.latin)).toEqual(['1', '2']);
    });

    it('drops an own acronym whose words were cut', () => {
      const name = normalizeName('NUDT National University of Defense Technology', 3);
      expect(name.tokens).toHaveLength(3);
      for (const token of name.tokens) for (const i of token.acronymOf ?? []) expect(i).toBeLessThan(3);
    });
  });
});
