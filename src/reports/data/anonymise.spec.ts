import { NamePattern, RATIONALE_MAX_CHARS, shortenRationale, WITHHELD, withholdNames } from './anonymise';

describe('withholdNames', () => {
  it('withholds full names, any case, whole words only', () => {
    expect(withholdNames('Discussed with Anna de Vries and ANNA DE VRIES.', ['Anna de Vries'])).toBe(
      `Discussed with ${WITHHELD} and ${WITHHELD}.`,
    );
    expect(withholdNames('Annabel agreed', ['Anna'])).toBe('Annabel agreed');
  });

  it('withholds a surname or first name alone, but not particles or titles', () => {
    expect(withholdNames('Prof. Jansen said that de Vries agreed', ['Prof. Pieter Jansen', 'Anna de Vries'])).toBe(
      `Prof. ${WITHHELD} said that de ${WITHHELD} agreed`,
    );
  });

  it('withholds organisation names whole, and treats their text literally', () => {
    expect(withholdNames('Ties to Harbin Institute of Technology (HIT).', [], ['Harbin Institute of Technology'])).toBe(
      `Ties to ${WITHHELD} (HIT).`,
    );
    expect(withholdNames('A+B Corp. (x) is fine', [], ['A+B Corp. (x)'])).toBe(`${WITHHELD} is fine`);
  });

  it('handles accented names', () => {
    expect(withholdNames('Met Zoë Müller besproken', ['Zoë Müller'])).toBe(`Met ${WITHHELD} besproken`);
  });
});

describe('NamePattern', () => {
  it('withholds any of many names in one pass, longest first, keeping those asked for', () => {
    const names = new NamePattern(['Korea', "Korea, Democratic People's Republic of", 'North Korea', 'Iran']);
    expect(names.withhold('North Korea and Iran; not Iranian, not Korean.')).toBe(
      `${WITHHELD} and ${WITHHELD}; not Iranian, not Korean.`,
    );
    expect(names.withhold('IRAN and iran', new Set(['iran']))).toBe('IRAN and iran');
    expect(new NamePattern([]).withhold('unchanged')).toBe('unchanged');
  });

  it('finds names that start with punctuation, and keeps a kept name whole', () => {
    expect(
      new NamePattern(['«Almaz-Antey» Concern', '"Rostec" JSC']).withhold(
        'Ties to «Almaz-Antey» Concern and "Rostec" JSC.',
      ),
    ).toBe(`Ties to ${WITHHELD} and ${WITHHELD}.`);
    const countries = new NamePattern(['Papua New Guinea', 'Guinea', 'South Sudan', 'Sudan']);
    expect(
      countries.withhold('A partner in Papua New Guinea, not in Guinea or South Sudan.', new Set(['papua new guinea'])),
    ).toBe(`A partner in Papua New Guinea, not in ${WITHHELD} or ${WITHHELD}.`);
  });

  it('folds the Turkish dotted capital I without losing its place in the text', () => {
    const names = new NamePattern(['İstanbul Teknik Üniversitesi', 'İlker Başbuğ', 'Orta Doğu Teknik Üniversitesi']);
    expect(
      names.withhold('With İstanbul Teknik Üniversitesi and ORTA DOĞU TEKNİK ÜNİVERSİTESİ; İlker Başbuğ agreed.'),
    ).toBe(`With ${WITHHELD} and ${WITHHELD}; ${WITHHELD} agreed.`);
  });
});

describe('shortenRationale', () => {
  it('keeps a short text, on one line', () => {
    expect(shortenRationale('  Fine.\n\nNo   concerns. ')).toBe('Fine. No concerns.');
  });

  it('cuts a long text at a word boundary with an ellipsis', () => {
    const long = 'word '.repeat(100);
    const short = shortenRationale(long);
    expect([...short].length).toBeLessThanOrEqual(RATIONALE_MAX_CHARS);
    expect(short).toMatch(/^(word )+word…$/);
  });

  it('cuts a text without spaces hard', () => {
    expect([...shortenRationale('x'.repeat(500))].length).toBe(RATIONALE_MAX_CHARS);
  });
});
