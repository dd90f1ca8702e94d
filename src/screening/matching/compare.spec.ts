import { compareNames, TokenWeights } from './compare';

const score = (query: string, candidate: string): number => compareNames(query, candidate).score;

describe('compareNames', () => {
  describe('institutions: distinctive words weigh more than generic ones', () => {
    it('keeps different universities apart', () => {
      expect(score('University of Oxford', 'University of Tehran')).toBeLessThan(0.5);
      expect(score('Technical University of Munich', 'Hefei University of Technology')).toBeLessThan(0.5);
      expect(score('Harbin Institute of Technology', 'Harbin Engineering University')).toBeLessThan(0.7);
      expect(score('Beijing University of Technology', 'Beijing Institute of Technology')).toBeLessThan(0.7);
    });

    it('matches abbreviations and spelling variants of the same institution', () => {
      expect(
        score('Natl. Univ. of Defence Technology', 'National University of Defense Technology'),
      ).toBeGreaterThanOrEqual(0.9);
      expect(
        score('Univ. of Electronic Sci. & Tech. of China', 'University of Electronic Science and Technology of China'),
      ).toBeGreaterThanOrEqual(0.9);
      expect(score('Oxford University', 'University of Oxford')).toBe(1);
    });

    it('scores 1 for the same name with or without its own acronym', () => {
      expect(
        score('National University of Defense Technology', 'National University of Defense Technology (NUDT)'),
      ).toBe(1);
    });

    it('flags a listed acronym as a potential match, never as certain', () => {
      const result = compareNames('NUDT', 'National University of Defense Technology (NUDT)');
      expect(result.score).toBeGreaterThanOrEqual(0.7);
      expect(result.score).toBeLessThan(0.9);
      expect(result.reasons).toContain('acronym: NUDT');
    });

    it('still finds a sub-unit of a listed institution', () => {
      expect(
        score('Harbin Institute of Technology, School of Materials Science', 'Harbin Institute of Technology'),
      ).toBeGreaterThanOrEqual(0.7);
    });
  });

  describe('look-alike institutions: the distinctive word is shared, the institution is not', () => {
    // As an index over the lists would answer: these words are in listed names.
    const listedWords = new Set(['hubei', 'hebei', 'nanhang', 'nanyang', 'polyus', 'polus', 'hunan', 'yunnan']);
    const weights: TokenWeights = { weight: () => 1, known: (word) => listedWords.has(word) };
    const withLists = (query: string, candidate: string, queryCountry?: string, candidateCountries?: string[]) =>
      compareNames(query, candidate, { weights, queryCountry, candidateCountries }).score;

    it.each([
      // A word added inside the shared name: another institution.
      ['Hunan Normal University', 'Hunan University'],
      ['Yunnan University', 'Yunnan Normal University'],
      ["Xi'an Jiaotong-Liverpool University", "Xi'an Jiaotong University"],
      ['Northwestern University', 'Northwestern Polytechnic University'],
      ['Beijing Normal University', '北京大学'],
      ['Shanghai University of Engineering Science', 'University of Shanghai for Science and Technology'],
      // A field after the head word of the listed name.
      ['Zhejiang University of Technology', 'Zhejiang University'],
      ['Wuhan University of Science and Technology', 'Wuhan University'],
      ['Nanjing University of Chinese Medicine', 'Nanjing University'],
      ['Zhongnan University of Economics and Law', '中南大学'],
      ['North China University of Technology', 'North University of China'],
      // A university is not a company, a vessel or a person with a one-word alias.
      ['Middle East Technical University', 'East Tech'],
      ['University of Toronto', 'TORONTO'],
      ['Khalifa University', 'Khalifa'],
      ['University of Ibadan', 'ABADAN'],
      ['Scripps Research', 'SCORPIUS'],
    ])('%s is not %s', (query, candidate) => {
      expect(withLists(query, candidate)).toBeLessThan(0.7);
    });

    it.each([
      ['Hubei University', 'Hebei University'],
      ['Nanyang Technological University', 'Nanhang University'],
      ['Hunan Normal University', 'Yunnan Normal University'],
      ['Northwestern University', 'Northeastern University'],
      ['Uppsala University', 'Ipsala University'],
    ])('needs near-exact agreement of a short distinctive word: %s is not %s', (query, candidate) => {
      expect(withLists(query, candidate)).toBeLessThan(0.7);
    });

    it('takes a country that the listed name itself states', () => {
      const result = compareNames('Institut Pasteur', 'Pasteur Institute of Iran', {
        queryCountry: 'FR',
        candidateCountries: ['IR'],
      });
      expect(result.score).toBeLessThan(0.7);
      expect(result.reasons).toContain('country differs (query FR, the listed name says IR)');
      expect(withLists('Institut Pasteur', 'Pasteur Institute of Iran', 'IR', ['IR'])).toBeGreaterThanOrEqual(0.7);
    });

    it.each([
      // Units, campuses and short forms of a listed institution stay potential matches.
      ['Harbin Institute of Technology, School of Astronautics', 'Harbin Institute of Technology'],
      ['Harbin Institute of Technology Shenzhen', 'Harbin Institute of Technology'],
      ['Peking University Health Science Center', 'Peking University'],
      ['Tsinghua University Shenzhen', 'Tsinghua University'],
      ['Sharif University', 'Sharif University of Technology'],
      ['Renmin University of China', 'Renmin University'],
      ['Univ. of Electronic Sci. & Tech. of China', 'University of Electronic Science and Technology of China'],
      // Typos (words the lists do not have) and spelling variants.
      ['Harbni Institute of Technology', 'Harbin Institute of Technology'],
      ['Beijnig University of Aeronautics and Astronautics', 'Beijing University of Aeronautics and Astronautics'],
      ['Polus Research Institute', 'Polyus Research Institute'],
      // A company, or a vessel, is still found by its one word.
      ['Huawei Technologies', 'HUAWEI'],
      ['Rosatom State Corporation', 'ROSATOM'],
    ])('still flags %s against %s', (query, candidate) => {
      expect(withLists(query, candidate)).toBeGreaterThanOrEqual(0.7);
    });
  });

  describe('people', () => {
    it('reads "SURNAME, Given" like "Given Surname"', () => {
      expect(score('PUTIN, Vladimir', 'Vladimir Putin')).toBe(1);
      expect(score('Vladimir Putin', 'PUTIN, Vladimir Vladimirovich')).toBeGreaterThanOrEqual(0.9);
    });

    it('tolerates typos and transliteration variants', () => {
      expect(score('Olaf Scholze', 'Olaf Scholz')).toBeGreaterThanOrEqual(0.9);
      expect(score('Mohamed bin Salman', 'Mohammed bin Salman')).toBeGreaterThanOrEqual(0.9);
      expect(score('Usama bin Ladin', 'Osama bin Laden')).toBeGreaterThanOrEqual(0.7);
    });

    it('treats a different surname as a different person', () => {
      expect(score('SADDAM HUSSEIN AL-DULAIMI', 'SADDAM HUSSEIN AL-TIKRITI')).toBeLessThan(0.7);
      expect(score('Octavian Scholz', 'Olaf Scholz')).toBeLessThan(0.7);
    });

    it('accepts a left-out patronymic but not a different one', () => {
      expect(score('Sergey Lavrov', 'Sergey Viktorovich Lavrov')).toBeGreaterThanOrEqual(0.8);
      expect(score('Sergey Viktorovich Lavrov', 'Sergey Borisovitch Lavrov')).toBeLessThan(0.7);
    });
  });

  describe('scripts', () => {
    it('transliterates Cyrillic', () => {
      const result = compareNames('Владимир Путин', 'Vladimir Putin');
      expect(result.score).toBe(1);
      expect(result.reasons).toContain('compared by transliteration (Cyrillic)');
      expect(score('Сергей Викторович Лавров', 'LAVROV, Sergei Viktorovich')).toBeGreaterThanOrEqual(0.9);
    });

    it('transliterates Greek', () => {
      expect(score('Κυριάκος Μητσοτάκης', 'Kyriakos Mitsotakis')).toBe(1);
    });

    it('groups pinyin syllables of Chinese names', () => {
      expect(score('习近平', 'Xi Jinping')).toBe(1);
    });

    it('compares original-script names in their own script first', () => {
      const result = compareNames('北京大学', '北京大学');
      expect(result.score).toBe(1);
      expect(result.reasons).toContain('original script match');
      // One character differs: pinyin would hide it (朋 péng, 平 píng), the characters do not.
      expect(score('习近朋', '习近平')).toBeLessThan(0.7);
      expect(score('Κυριάκος Μητσοτάκος', 'Κυριάκος Μητσοτάκης')).toBeGreaterThanOrEqual(0.7);
      expect(score('国防科技大学', '中国人民解放军国防科技大学')).toBeGreaterThanOrEqual(0.7);
    });
  });

  describe('one-word names', () => {
    it('never reaches 0.7 on a one-word name when the query has more distinctive words', () => {
      const result = compareNames('Skoltech Quantum Photonics', 'Skoltech');
      expect(result.score).toBeLessThan(0.7);
      expect(result.reasons).toContain('single-word name: kept below 0.7 because the query has more distinctive words');
      expect(score('Huawei Cloud Computing', 'HUAWEI')).toBeLessThan(0.7);
    });

    it('lets a one-word name match when the query only adds generic words', () => {
      expect(score('Huawei Technologies Co., Ltd.', 'HUAWEI')).toBeGreaterThanOrEqual(0.7);
    });

    it('lets a one-word query match a one-word name', () => {
      expect(score('Skoltech', 'Skoltech')).toBe(1);
      expect(score('Hannibal', 'Hanniball')).toBeGreaterThanOrEqual(0.9);
    });
  });

  describe('country', () => {
    it('adds a small bonus when the countries agree and a small penalty when they differ', () => {
      const base = score('Harbin Institute of Technology Shenzhen', 'Harbin Institute of Technology');
      const agrees = compareNames('Harbin Institute of Technology Shenzhen', 'Harbin Institute of Technology', {
        queryCountry: 'cn',
        candidateCountries: ['CN'],
      });
      const differs = compareNames('Harbin Institute of Technology Shenzhen', 'Harbin Institute of Technology', {
        queryCountry: 'NL',
        candidateCountries: ['CN'],
      });
      expect(agrees.score).toBeCloseTo(base + 0.05, 3);
      expect(agrees.reasons).toContain('country agrees (CN)');
      expect(differs.score).toBeCloseTo(base - 0.05, 3);
      expect(differs.reasons).toContain('country differs (query NL, listed CN)');
    });

    it('does nothing when either side has no country', () => {
      expect(
        compareNames('Tianjin University', 'Tianjin University', { queryCountry: 'CN', candidateCountries: [] }).score,
      ).toBe(1);
    });
  });

  describe('reasons', () => {
    it('names the words in common, similar words and the words on one side only', () => {
      const { reasons } = compareNames(
        'Natl. Univ. of Defence Technology Changsha',
        'National University of Defense Technology',
      );
      expect(reasons).toContain('words in common: national, university, defense, technology');
      expect(reasons).toContain('only in the query: changsha');
      expect(compareNames('Harbin Institut of Technolgy', 'Harbin Institute of Technology').reasons).toContainEqual(
        expect.stringMatching(/^similar words: /),
      );
    });
  });

  it('is 0 for names without words', () => {
    expect(score('', 'University of Oxford')).toBe(0);
    expect(score('---', '...')).toBe(0);
  });
});
