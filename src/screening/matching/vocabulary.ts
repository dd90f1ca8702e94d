import terms from './data/org-terms.json';
import { splitWords } from './text';

/**
 * What a word or phrase means for matching:
 * - legal: a legal form ("Co., Ltd.", "JSC", "GmbH"); nearly ignored.
 * - generic: a generic organisation word ("University", "Institute", "Technology", "National");
 *   weighs little when shared, more when only one side has it.
 * - domain: a subject word with spelling variants across languages ("defence"/"defense"/"оборонный");
 *   canonicalised but weighted like any distinctive word.
 * - particle: name particles ("al", "bin", "van", "de", "abu"); low weight.
 * - stop: dropped ("of", "the", "and", "named after", "Jr.").
 * - title: dropped when leading ("Mr", "Dr", "President").
 * - number: number words and ordinals, compared as digits.
 */
export type VocabKind = 'legal' | 'generic' | 'domain' | 'particle' | 'stop' | 'title' | 'number';

export interface VocabEntry {
  kind: VocabKind;
  key: string;
  /** Only recognised at the start or end of a name: short legal forms that are also ordinary words. */
  edgeOnly?: boolean;
}

// Subject domains from rigour that identify a kind of institution rather than a particular one.
const GENERIC_DOMAINS = new Set([
  'university',
  'academy',
  'tech',
  'research',
  'scientific',
  'lab',
  'school',
  'education',
  'eng',
  'innovation',
]);

// Additions of our own: abbreviations seen in partner names and list entries ("Natl. Univ.",
// "Inst.", "Acad. Sci."), more spellings of university words, and pinyin of common Chinese
// institution words. Keys reuse rigour's symbol keys where one exists.
const EXTRA_GENERIC: Record<string, string[]> = {
  university: [
    'universiteit',
    'universita',
    'università',
    'universitat',
    'universitaet',
    'universitatea',
    'universidade',
    'univerzita',
    'univerzitet',
    'universiteti',
    'uniwersytet',
    'universitas',
    'universiti',
    'egyetem',
    'yliopisto',
    'daxue',
    'daigaku',
    '대학교',
    '大學校',
  ],
  institute: ['inst', 'instit', 'institutes', 'yanjiusuo', 'yanjiuyuan', '研究院'],
  tech: [
    'tech',
    'techn',
    'technol',
    'technische',
    'technischen',
    'technisch',
    'tecnico',
    'tecnica',
    'technique',
    'keji',
  ],
  academy: ['acad', 'academia', 'akademia', 'academies'],
  scientific: [
    'sci',
    'scient',
    'scientifique',
    'wissenschaften',
    'wissenschaft',
    'kexue',
    '科学',
    // As "science and technology" is one phrase: "Sci. & Tech." must not leave a "Tech." over.
    'sci and tech',
    'sci tech',
    'science and tech',
    'sci and technology',
  ],
  natl: ['natl', 'nationale', 'nationaal', 'nationaux'],
  intl: ['internatl'],
  eng: ['engg', 'engr', 'gongcheng', '工程'],
  research: ['res', 'yanjiu', '研究', 'forschungs'],
  center: ['ctr', 'zhongxin', '中心'],
  college: ['college', 'colleges', 'coll', 'colegiul', 'колледж', 'коледж', 'hochschule', 'fachhochschule', 'xueyuan'],
  polytechnic: [
    'polytechnic',
    'polytech',
    'politecnico',
    'politechnika',
    'polytechnique',
    'politehnica',
    'politecnica',
  ],
  dept: ['faculty', 'fac'],
  school: ['sch'],
  industry: ['ind', 'indus', 'gongye', '工业'],
  grp: ['jituan', '集团'],
  holding: ['hldgs', 'hldg'],
  service: ['svc', 'svcs'],
  system: ['sys'],
  assoc: ['assn'],
  gov: ['govt'],
};

const EXTRA_DOMAIN: Record<string, string[]> = {
  manufacturing: ['mfg', 'manuf'],
  hospital: ['hosp'],
  medical: ['med'],
  aviation: ['aero', 'aeronautics', 'aeronautical'],
  defence: ['defensive'],
};

// Words that rigour maps to a symbol but that are ordinary name words for us ("labor" is listed
// as a spelling of "laboratory"; "dom", "hus", "casa" as "house").
const PLAIN_WORDS = ['labor', 'labour', 'dom', 'hus', 'casa', 'ev', 'huis', 'haus', 'uni'];

const STOPWORDS = ['of', 'the', 'and', 'for', 'at', 'on', 'in', 'to', 'by', 'with', 'und', 'et', 'y', 'from'];

const PARTICLES: Record<string, string[]> = {
  al: ['al', 'el', 'ul'],
  de: [
    'de',
    'del',
    'della',
    'dello',
    'dei',
    'degli',
    'di',
    'da',
    'dos',
    'das',
    'du',
    'des',
    'der',
    'den',
    'ter',
    'ten',
    'le',
    'la',
    'les',
    'il',
  ],
};

// Spellings of one name word; unlike particles these carry full weight ("Abdul Aziz" ≠ "Dost Aziz").
const NAME_WORDS: Record<string, string[]> = {
  abdul: ['abd', 'abdel', 'abdul', 'abdal', 'abd al', 'abd el', 'abd ul', 'abdul al'],
};

// rigour person symbols: particles compared with low weight, or suffixes and degrees to drop.
const PERSON_PARTICLE_KEYS = ['bin', 'bint', 'ould', 'abu', 'abul', 'umm', 'von', 'van', 'haji', 'sheikh'];
const PERSON_STOP_KEYS = ['jr', 'sr', 'esq', 'dr', 'prof', 'md', 'dds', 'dvm', 'phd', 'cpa', 'cfa', 'cma', 'csa'];

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
// Maps, not object literals: names contain words such as "constructor".
const TENS = new Map(
  Object.entries({
    twenty: 20,
    thirty: 30,
    forty: 40,
    fourty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
  }),
);
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** British/American and similar spelling variants, applied to single words before lookup. */
const SPELLING = new Map(
  Object.entries({
    defence: 'defense',
    labour: 'labor',
    programme: 'program',
    aluminium: 'aluminum',
    theatre: 'theater',
    centre: 'center',
    harbour: 'harbor',
    armoured: 'armored',
    armour: 'armor',
    colour: 'color',
    honour: 'honor',
    catalogue: 'catalog',
    jewellery: 'jewelry',
    tyre: 'tire',
    sulphur: 'sulfur',
  }),
);

export function spellingVariant(word: string): string {
  const mapped = SPELLING.get(word);
  if (mapped) return mapped;
  if (word.length > 7 && word.includes('isation')) return word.replace(/isation/, 'ization');
  return word;
}

/** Digits for number words and ordinals ("forty" → 40, "first" → 1, "1st" → 1), else null. */
export function numberValue(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  const ordinal = /^(\d+)(?:st|nd|rd|th)$/.exec(word);
  if (ordinal) return Number(ordinal[1]);
  const unit = UNITS.indexOf(word);
  if (unit >= 0) return unit;
  const tens = TENS.get(word);
  if (tens !== undefined) return tens;
  const nth = ORDINALS.indexOf(word);
  if (nth >= 0) return nth + 1;
  return null;
}

// Series numbers in names ("Fund IV", "Trust XV"). "xi" and "li" are left out: they are Chinese names.
const ROMAN = [
  'ii',
  'iii',
  'iv',
  'v',
  'vi',
  'vii',
  'viii',
  'ix',
  'x',
  'xii',
  'xiii',
  'xiv',
  'xv',
  'xvi',
  'xvii',
  'xviii',
  'xix',
  'xx',
];
const ROMAN_VALUES = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20];

/** Value of a Roman numeral of two or more letters, else null. */
export function romanValue(word: string): number | null {
  const at = ROMAN.indexOf(word);
  return at >= 0 && word.length >= 2 ? ROMAN_VALUES[at] : null;
}

export function isTensWord(word: string): boolean {
  return TENS.has(word);
}

const phrases = new Map<string, VocabEntry>();
const phraseStarts = new Set<string>();
let maxPhraseLength = 1;

// Keys of the form the tokenizer produces, both in the original script and transliterated.
function phraseKeys(alias: string): string[] {
  const tokens = splitWords(alias);
  if (tokens.length === 0) return [];
  const text = tokens.map((t) => t.text).join(' ');
  const latin = tokens.map((t) => t.latin).join(' ');
  return text === latin ? [text] : [text, latin];
}

function add(alias: string, entry: VocabEntry): void {
  for (const key of phraseKeys(alias)) {
    if (phrases.has(key)) continue;
    const parts = key.split(' ');
    if (parts.length > 8) continue;
    const edgeOnly = entry.kind === 'legal' && parts.length === 1 && key.length <= 3;
    phrases.set(key, edgeOnly ? { ...entry, edgeOnly } : entry);
    if (parts.length > 1) {
      phraseStarts.add(parts[0]);
      maxPhraseLength = Math.max(maxPhraseLength, parts.length);
    }
  }
}

function addGroups(groups: Record<string, string[]>, kind: (key: string) => VocabKind): void {
  for (const [key, aliases] of Object.entries(groups))
    for (const alias of aliases) add(alias, { kind: kind(key), key });
}

for (const word of PLAIN_WORDS) phrases.set(word, { kind: 'domain', key: word });
for (const word of STOPWORDS) add(word, { kind: 'stop', key: word });
addGroups(PARTICLES, () => 'particle');
addGroups(NAME_WORDS, () => 'domain');
for (const key of PERSON_PARTICLE_KEYS)
  for (const alias of terms.personSymbols[key as keyof typeof terms.personSymbols])
    add(alias, { kind: 'particle', key });
for (const key of PERSON_STOP_KEYS)
  for (const alias of terms.personSymbols[key as keyof typeof terms.personSymbols]) add(alias, { kind: 'stop', key });
for (const key of ['named', 'socalled'])
  for (const alias of terms.orgSymbols[key as keyof typeof terms.orgSymbols]) add(alias, { kind: 'stop', key });
addGroups(EXTRA_GENERIC, () => 'generic');
addGroups(EXTRA_DOMAIN, () => 'domain');
addGroups(terms.legalForms, () => 'legal');
addGroups(terms.orgSymbols, () => 'generic');
addGroups(terms.domainSymbols, (key) => (GENERIC_DOMAINS.has(key) ? 'generic' : 'domain'));
for (const title of terms.personTitles) add(title, { kind: 'title', key: title.toLowerCase() });
// PLAIN_WORDS are ordinary words: drop the placeholder entries now that they block rigour's mapping.
for (const word of PLAIN_WORDS) phrases.delete(word);

const nicknames = new Map<string, string[]>();
for (const [group, names] of Object.entries(terms.nicknames)) {
  for (const name of names) {
    const key = phraseKeys(name)[0];
    if (!key || key.includes(' ')) continue;
    nicknames.set(key, [...(nicknames.get(key) ?? []), group]);
  }
}

/** Longest vocabulary phrase starting at `start`, as [entry, token count], or null. */
export function lookupPhrase(texts: string[], latins: string[], start: number): [VocabEntry, number] | null {
  const first = texts[start];
  const firstLatin = latins[start];
  const canExtend = phraseStarts.has(first) || phraseStarts.has(firstLatin);
  const longest = canExtend ? Math.min(maxPhraseLength, texts.length - start) : 1;
  for (let length = longest; length >= 1; length--) {
    const text = length === 1 ? first : texts.slice(start, start + length).join(' ');
    const hit = phrases.get(text);
    if (hit) return [hit, length];
    const latin = length === 1 ? firstLatin : latins.slice(start, start + length).join(' ');
    if (latin !== text) {
      const latinHit = phrases.get(latin);
      if (latinHit) return [latinHit, length];
    }
  }
  return null;
}

/** True when a single word is in the vocabulary (a legal form, a generic or subject word, a particle). */
export function isVocabularyWord(word: string): boolean {
  return phrases.has(word);
}

/** Nickname groups of a given name ("bill" and "william" share one). */
export function nicknameGroups(word: string): string[] | undefined {
  return nicknames.get(word);
}

const DISPLAY = new Map(
  Object.entries({
    natl: 'national',
    tech: 'technology',
    intl: 'international',
    co: 'company',
    corp: 'corporation',
    org: 'organization',
    coop: 'cooperative',
    assoc: 'association',
    bros: 'brothers',
    grp: 'group',
    mgmt: 'management',
    fed: 'federal',
    repu: 'republic',
    fdn: 'foundation',
    dev: 'development',
    gov: 'government',
    dept: 'department',
    eng: 'engineering',
    lab: 'laboratory',
    comms: 'communications',
    distrib: 'distribution',
    stockexch: 'stock exchange',
    invfund: 'investment fund',
    skb: 'special design bureau',
    instrmak: 'instrument making',
    pla: "people's liberation army",
    defence: 'defense',
  }),
);

/** Readable form of a canonical key, for reasons shown to reviewers. */
export function displayKey(key: string): string {
  return DISPLAY.get(key) ?? key;
}
