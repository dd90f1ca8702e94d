/**
 * Country names → ISO 3166-1 alpha-2. One resolver for every list: English names as the UN, EU,
 * OFAC and UK write them, and the Korean names of the restricted-parties database.
 * A name that is not in these tables resolves to nothing; it is never guessed. Historic or
 * non-ISO places ("former Soviet Union", "Yugoslavia", Kosovo) are therefore left out on purpose.
 */

type CountryRow = readonly [code: string, isoName: string, otherEnglish: readonly string[], korean: readonly string[]];

// The 249 officially assigned codes with their ISO 3166-1 English short names (as in the
// project's country table), plus the CLDR English and Korean display names.
const COUNTRIES: readonly CountryRow[] = [
  ['AD', 'Andorra', [], ['안도라']],
  ['AE', 'United Arab Emirates', [], ['아랍에미리트']],
  ['AF', 'Afghanistan', [], ['아프가니스탄']],
  ['AG', 'Antigua and Barbuda', ['Antigua & Barbuda'], ['앤티가 바부다']],
  ['AI', 'Anguilla', [], ['앵귈라']],
  ['AL', 'Albania', [], ['알바니아']],
  ['AM', 'Armenia', [], ['아르메니아']],
  ['AO', 'Angola', [], ['앙골라']],
  ['AQ', 'Antarctica', [], ['남극 대륙']],
  ['AR', 'Argentina', [], ['아르헨티나']],
  ['AS', 'American Samoa', [], ['아메리칸 사모아']],
  ['AT', 'Austria', [], ['오스트리아']],
  ['AU', 'Australia', [], ['오스트레일리아']],
  ['AW', 'Aruba', [], ['아루바']],
  ['AX', 'Åland Islands', [], ['올란드 제도']],
  ['AZ', 'Azerbaijan', [], ['아제르바이잔']],
  ['BA', 'Bosnia and Herzegovina', ['Bosnia & Herzegovina', 'Bosnia'], ['보스니아 헤르체고비나']],
  ['BB', 'Barbados', [], ['바베이도스']],
  ['BD', 'Bangladesh', [], ['방글라데시']],
  ['BE', 'Belgium', [], ['벨기에']],
  ['BF', 'Burkina Faso', [], ['부르키나파소']],
  ['BG', 'Bulgaria', [], ['불가리아']],
  ['BH', 'Bahrain', [], ['바레인']],
  ['BI', 'Burundi', [], ['부룬디']],
  ['BJ', 'Benin', [], ['베냉']],
  ['BL', 'Saint Barthélemy', ['St. Barthélemy'], ['생바르텔레미']],
  ['BM', 'Bermuda', [], ['버뮤다']],
  ['BN', 'Brunei Darussalam', ['Brunei'], ['브루나이']],
  ['BO', 'Bolivia, Plurinational State of', ['Bolivia'], ['볼리비아']],
  ['BQ', 'Bonaire, Sint Eustatius and Saba', ['Caribbean Netherlands'], ['네덜란드령 카리브']],
  ['BR', 'Brazil', [], ['브라질']],
  ['BS', 'Bahamas', [], ['바하마']],
  ['BT', 'Bhutan', [], ['부탄']],
  ['BV', 'Bouvet Island', [], ['부베섬']],
  ['BW', 'Botswana', [], ['보츠와나']],
  ['BY', 'Belarus', [], ['벨라루스']],
  ['BZ', 'Belize', [], ['벨리즈']],
  ['CA', 'Canada', [], ['캐나다']],
  ['CC', 'Cocos (Keeling) Islands', ['Cocos Islands'], ['코코스 제도']],
  ['CD', 'Congo, The Democratic Republic of the', ['Congo - Kinshasa'], ['콩고-킨샤사']],
  ['CF', 'Central African Republic', [], ['중앙 아프리카 공화국']],
  ['CG', 'Congo', ['Congo - Brazzaville'], ['콩고-브라자빌']],
  ['CH', 'Switzerland', [], ['스위스']],
  ['CI', "Côte d'Ivoire", ['Côte d’Ivoire'], ['코트디부아르']],
  ['CK', 'Cook Islands', [], ['쿡 제도']],
  ['CL', 'Chile', [], ['칠레']],
  ['CM', 'Cameroon', [], ['카메룬']],
  ['CN', 'China', [], ['중국']],
  ['CO', 'Colombia', [], ['콜롬비아']],
  ['CR', 'Costa Rica', [], ['코스타리카']],
  ['CU', 'Cuba', [], ['쿠바']],
  ['CV', 'Cabo Verde', ['Cape Verde'], ['카보베르데']],
  ['CW', 'Curaçao', [], ['퀴라소']],
  ['CX', 'Christmas Island', [], ['크리스마스섬']],
  ['CY', 'Cyprus', [], ['키프로스']],
  ['CZ', 'Czechia', [], ['체코']],
  ['DE', 'Germany', [], ['독일']],
  ['DJ', 'Djibouti', [], ['지부티']],
  ['DK', 'Denmark', [], ['덴마크']],
  ['DM', 'Dominica', [], ['도미니카']],
  ['DO', 'Dominican Republic', [], ['도미니카 공화국']],
  ['DZ', 'Algeria', [], ['알제리']],
  ['EC', 'Ecuador', [], ['에콰도르']],
  ['EE', 'Estonia', [], ['에스토니아']],
  ['EG', 'Egypt', [], ['이집트']],
  ['EH', 'Western Sahara', [], ['서사하라']],
  ['ER', 'Eritrea', [], ['에리트리아']],
  ['ES', 'Spain', [], ['스페인']],
  ['ET', 'Ethiopia', [], ['에티오피아']],
  ['FI', 'Finland', [], ['핀란드']],
  ['FJ', 'Fiji', [], ['피지']],
  ['FK', 'Falkland Islands (Malvinas)', ['Falkland Islands'], ['포클랜드 제도']],
  ['FM', 'Micronesia, Federated States of', ['Micronesia'], ['미크로네시아']],
  ['FO', 'Faroe Islands', [], ['페로 제도']],
  ['FR', 'France', [], ['프랑스']],
  ['GA', 'Gabon', [], ['가봉']],
  ['GB', 'United Kingdom', ['UK'], ['영국']],
  ['GD', 'Grenada', [], ['그레나다']],
  ['GE', 'Georgia', [], ['조지아']],
  ['GF', 'French Guiana', [], ['프랑스령 기아나']],
  ['GG', 'Guernsey', [], ['건지']],
  ['GH', 'Ghana', [], ['가나']],
  ['GI', 'Gibraltar', [], ['지브롤터']],
  ['GL', 'Greenland', [], ['그린란드']],
  ['GM', 'Gambia', [], ['감비아']],
  ['GN', 'Guinea', [], ['기니']],
  ['GP', 'Guadeloupe', [], ['과들루프']],
  ['GQ', 'Equatorial Guinea', [], ['적도 기니']],
  ['GR', 'Greece', [], ['그리스']],
  [
    'GS',
    'South Georgia and the South Sandwich Islands',
    ['South Georgia & South Sandwich Islands'],
    ['사우스조지아 사우스샌드위치 제도'],
  ],
  ['GT', 'Guatemala', [], ['과테말라']],
  ['GU', 'Guam', [], ['괌']],
  ['GW', 'Guinea-Bissau', [], ['기니비사우']],
  ['GY', 'Guyana', [], ['가이아나']],
  ['HK', 'Hong Kong', ['Hong Kong SAR China'], ['홍콩', '홍콩(중국 특별행정구)']],
  ['HM', 'Heard Island and McDonald Islands', ['Heard & McDonald Islands'], ['허드 맥도널드 제도']],
  ['HN', 'Honduras', [], ['온두라스']],
  ['HR', 'Croatia', [], ['크로아티아']],
  ['HT', 'Haiti', [], ['아이티']],
  ['HU', 'Hungary', [], ['헝가리']],
  ['ID', 'Indonesia', [], ['인도네시아']],
  ['IE', 'Ireland', [], ['아일랜드']],
  ['IL', 'Israel', [], ['이스라엘']],
  ['IM', 'Isle of Man', [], ['맨섬']],
  ['IN', 'India', [], ['인도']],
  ['IO', 'British Indian Ocean Territory', [], ['영국령 인도양 지역']],
  ['IQ', 'Iraq', [], ['이라크']],
  ['IR', 'Iran, Islamic Republic of', ['Iran'], ['이란']],
  ['IS', 'Iceland', [], ['아이슬란드']],
  ['IT', 'Italy', [], ['이탈리아']],
  ['JE', 'Jersey', [], ['저지']],
  ['JM', 'Jamaica', [], ['자메이카']],
  ['JO', 'Jordan', [], ['요르단']],
  ['JP', 'Japan', [], ['일본']],
  ['KE', 'Kenya', [], ['케냐']],
  ['KG', 'Kyrgyzstan', [], ['키르기스스탄']],
  ['KH', 'Cambodia', [], ['캄보디아']],
  ['KI', 'Kiribati', [], ['키리바시']],
  ['KM', 'Comoros', [], ['코모로']],
  ['KN', 'Saint Kitts and Nevis', ['St. Kitts & Nevis'], ['세인트키츠 네비스']],
  ['KP', "Korea, Democratic People's Republic of", ['North Korea'], ['북한']],
  ['KR', 'Korea, Republic of', ['South Korea'], ['대한민국']],
  ['KW', 'Kuwait', [], ['쿠웨이트']],
  ['KY', 'Cayman Islands', [], ['케이맨 제도']],
  ['KZ', 'Kazakhstan', [], ['카자흐스탄']],
  ['LA', "Lao People's Democratic Republic", ['Laos'], ['라오스']],
  ['LB', 'Lebanon', [], ['레바논']],
  ['LC', 'Saint Lucia', ['St. Lucia'], ['세인트루시아']],
  ['LI', 'Liechtenstein', [], ['리히텐슈타인']],
  ['LK', 'Sri Lanka', [], ['스리랑카']],
  ['LR', 'Liberia', [], ['라이베리아']],
  ['LS', 'Lesotho', [], ['레소토']],
  ['LT', 'Lithuania', [], ['리투아니아']],
  ['LU', 'Luxembourg', [], ['룩셈부르크']],
  ['LV', 'Latvia', [], ['라트비아']],
  ['LY', 'Libya', [], ['리비아']],
  ['MA', 'Morocco', [], ['모로코']],
  ['MC', 'Monaco', [], ['모나코']],
  ['MD', 'Moldova, Republic of', ['Moldova'], ['몰도바']],
  ['ME', 'Montenegro', [], ['몬테네그로']],
  ['MF', 'Saint Martin (French part)', ['St. Martin'], ['생마르탱']],
  ['MG', 'Madagascar', [], ['마다가스카르']],
  ['MH', 'Marshall Islands', [], ['마셜 제도']],
  ['MK', 'North Macedonia', [], ['북마케도니아']],
  ['ML', 'Mali', [], ['말리']],
  ['MM', 'Myanmar', ['Myanmar (Burma)'], ['미얀마']],
  ['MN', 'Mongolia', [], ['몽골']],
  ['MO', 'Macao', ['Macao SAR China'], ['마카오', '마카오(중국 특별행정구)']],
  ['MP', 'Northern Mariana Islands', [], ['북마리아나제도']],
  ['MQ', 'Martinique', [], ['마르티니크']],
  ['MR', 'Mauritania', [], ['모리타니']],
  ['MS', 'Montserrat', [], ['몬트세라트']],
  ['MT', 'Malta', [], ['몰타']],
  ['MU', 'Mauritius', [], ['모리셔스']],
  ['MV', 'Maldives', [], ['몰디브']],
  ['MW', 'Malawi', [], ['말라위']],
  ['MX', 'Mexico', [], ['멕시코']],
  ['MY', 'Malaysia', [], ['말레이시아']],
  ['MZ', 'Mozambique', [], ['모잠비크']],
  ['NA', 'Namibia', [], ['나미비아']],
  ['NC', 'New Caledonia', [], ['뉴칼레도니아']],
  ['NE', 'Niger', [], ['니제르']],
  ['NF', 'Norfolk Island', [], ['노퍽섬']],
  ['NG', 'Nigeria', [], ['나이지리아']],
  ['NI', 'Nicaragua', [], ['니카라과']],
  ['NL', 'Netherlands', [], ['네덜란드']],
  ['NO', 'Norway', [], ['노르웨이']],
  ['NP', 'Nepal', [], ['네팔']],
  ['NR', 'Nauru', [], ['나우루']],
  ['NU', 'Niue', [], ['니우에']],
  ['NZ', 'New Zealand', [], ['뉴질랜드']],
  ['OM', 'Oman', [], ['오만']],
  ['PA', 'Panama', [], ['파나마']],
  ['PE', 'Peru', [], ['페루']],
  ['PF', 'French Polynesia', [], ['프랑스령 폴리네시아']],
  ['PG', 'Papua New Guinea', [], ['파푸아뉴기니']],
  ['PH', 'Philippines', [], ['필리핀']],
  ['PK', 'Pakistan', [], ['파키스탄']],
  ['PL', 'Poland', [], ['폴란드']],
  ['PM', 'Saint Pierre and Miquelon', ['St. Pierre & Miquelon'], ['생피에르 미클롱']],
  ['PN', 'Pitcairn', ['Pitcairn Islands'], ['핏케언 제도']],
  ['PR', 'Puerto Rico', [], ['푸에르토리코']],
  ['PS', 'Palestine, State of', ['Palestinian Territories', 'Palestine'], ['팔레스타인 지구']],
  ['PT', 'Portugal', [], ['포르투갈']],
  ['PW', 'Palau', [], ['팔라우']],
  ['PY', 'Paraguay', [], ['파라과이']],
  ['QA', 'Qatar', [], ['카타르']],
  ['RE', 'Réunion', [], ['레위니옹']],
  ['RO', 'Romania', [], ['루마니아']],
  ['RS', 'Serbia', [], ['세르비아']],
  ['RU', 'Russian Federation', ['Russia'], ['러시아']],
  ['RW', 'Rwanda', [], ['르완다']],
  ['SA', 'Saudi Arabia', [], ['사우디아라비아']],
  ['SB', 'Solomon Islands', [], ['솔로몬 제도']],
  ['SC', 'Seychelles', [], ['세이셸']],
  ['SD', 'Sudan', [], ['수단']],
  ['SE', 'Sweden', [], ['스웨덴']],
  ['SG', 'Singapore', [], ['싱가포르']],
  ['SH', 'Saint Helena, Ascension and Tristan da Cunha', ['St. Helena'], ['세인트헬레나']],
  ['SI', 'Slovenia', [], ['슬로베니아']],
  ['SJ', 'Svalbard and Jan Mayen', ['Svalbard & Jan Mayen'], ['스발바르제도-얀마웬섬']],
  ['SK', 'Slovakia', [], ['슬로바키아']],
  ['SL', 'Sierra Leone', [], ['시에라리온']],
  ['SM', 'San Marino', [], ['산마리노']],
  ['SN', 'Senegal', [], ['세네갈']],
  ['SO', 'Somalia', [], ['소말리아']],
  ['SR', 'Suriname', [], ['수리남']],
  ['SS', 'South Sudan', [], ['남수단']],
  ['ST', 'Sao Tome and Principe', ['São Tomé & Príncipe'], ['상투메 프린시페']],
  ['SV', 'El Salvador', [], ['엘살바도르']],
  ['SX', 'Sint Maarten (Dutch part)', ['Sint Maarten'], ['신트마르턴']],
  ['SY', 'Syrian Arab Republic', ['Syria'], ['시리아']],
  ['SZ', 'Eswatini', [], ['에스와티니']],
  ['TC', 'Turks and Caicos Islands', ['Turks & Caicos Islands'], ['터크스 케이커스 제도']],
  ['TD', 'Chad', [], ['차드']],
  ['TF', 'French Southern Territories', [], ['프랑스령 남방 지역']],
  ['TG', 'Togo', [], ['토고']],
  ['TH', 'Thailand', [], ['태국']],
  ['TJ', 'Tajikistan', [], ['타지키스탄']],
  ['TK', 'Tokelau', [], ['토켈라우']],
  ['TL', 'Timor-Leste', [], ['동티모르']],
  ['TM', 'Turkmenistan', [], ['투르크메니스탄']],
  ['TN', 'Tunisia', [], ['튀니지']],
  ['TO', 'Tonga', [], ['통가']],
  ['TR', 'Türkiye', [], ['튀르키예']],
  ['TT', 'Trinidad and Tobago', ['Trinidad & Tobago'], ['트리니다드 토바고']],
  ['TV', 'Tuvalu', [], ['투발루']],
  ['TW', 'Taiwan, Province of China', ['Taiwan'], ['대만']],
  ['TZ', 'Tanzania, United Republic of', ['Tanzania'], ['탄자니아']],
  ['UA', 'Ukraine', [], ['우크라이나']],
  ['UG', 'Uganda', [], ['우간다']],
  ['UM', 'United States Minor Outlying Islands', ['U.S. Outlying Islands'], ['미국령 해외 제도']],
  ['US', 'United States', ['US'], ['미국']],
  ['UY', 'Uruguay', [], ['우루과이']],
  ['UZ', 'Uzbekistan', [], ['우즈베키스탄']],
  ['VA', 'Holy See (Vatican City State)', ['Vatican City'], ['바티칸 시국']],
  ['VC', 'Saint Vincent and the Grenadines', ['St. Vincent & Grenadines'], ['세인트빈센트그레나딘']],
  ['VE', 'Venezuela, Bolivarian Republic of', ['Venezuela'], ['베네수엘라']],
  ['VG', 'Virgin Islands, British', ['British Virgin Islands'], ['영국령 버진아일랜드']],
  ['VI', 'Virgin Islands, U.S.', ['U.S. Virgin Islands'], ['미국령 버진아일랜드']],
  ['VN', 'Viet Nam', ['Vietnam'], ['베트남']],
  ['VU', 'Vanuatu', [], ['바누아투']],
  ['WF', 'Wallis and Futuna', ['Wallis & Futuna'], ['왈리스-푸투나 제도']],
  ['WS', 'Samoa', [], ['사모아']],
  ['YE', 'Yemen', [], ['예멘']],
  ['YT', 'Mayotte', [], ['마요트']],
  ['ZA', 'South Africa', [], ['남아프리카']],
  ['ZM', 'Zambia', [], ['잠비아']],
  ['ZW', 'Zimbabwe', [], ['짐바브웨']],
];

// Spellings the sources use besides the ones above: UN and EU formal names, older or
// informal English names, and the Korean names found in restricted_parties.json.
const MORE_NAMES: Readonly<Record<string, readonly string[]>> = {
  BO: ['Bolivia (Plurinational State of)', 'Plurinational State of Bolivia'],
  BN: ['Brunei Darussalam'],
  CD: [
    'Democratic Republic of the Congo',
    'Congo, Democratic Republic of the',
    'Congo (Kinshasa)',
    'DR Congo',
    'DRC',
    '콩고민주공화국',
    '콩고 민주 공화국',
  ],
  CF: ['중앙아프리카공화국'],
  CG: ['Republic of the Congo', 'Congo, Republic of the', 'Congo (Brazzaville)', '콩고 공화국'],
  CI: ['Ivory Coast'],
  CZ: ['Czech Republic'],
  DO: ['도미니카공화국'],
  FM: ['Micronesia (Federated States of)'],
  GB: ['United Kingdom of Great Britain and Northern Ireland', 'Great Britain', 'U.K.'],
  GE: ['그루지야'],
  HK: ['China, Hong Kong Special Administrative Region', 'Hong Kong, China', 'Hong Kong SAR'],
  IR: ['Iran (Islamic Republic of)', 'Islamic Republic of Iran'],
  KP: ["Democratic People's Republic of Korea", 'Korea, North', 'North Korea', 'DPRK', '조선민주주의인민공화국'],
  KR: ['Republic of Korea', 'Korea, South', '한국', '남한'],
  LA: ["Lao People's Democratic Republic", 'Lao PDR'],
  MD: ['Republic of Moldova', 'Moldova, Republic of'],
  MK: ['Macedonia', 'Republic of North Macedonia', 'The former Yugoslav Republic of Macedonia'],
  MM: ['Burma', '버마'],
  MO: ['China, Macao Special Administrative Region', 'Macau', 'Macao SAR', '마카오', '마카오(중국 특별행정구)'],
  PS: [
    'State of Palestine',
    'Palestinian Territory, Occupied',
    'Occupied Palestinian Territory',
    'West Bank',
    'Gaza Strip',
    'Gaza',
    '팔레스타인',
  ],
  RU: ['Russian Federation', '러시아 연방'],
  SY: ['Syrian Arab Republic'],
  SZ: ['Swaziland'],
  TL: ['East Timor'],
  TR: ['Turkey', 'Turkiye', 'Republic of Türkiye', '터키'],
  TW: ['Taiwan, Province of China', 'Chinese Taipei'],
  TZ: ['United Republic of Tanzania', 'Tanzania, United Republic of'],
  US: ['United States of America', 'USA', 'U.S.A.', 'U.S.'],
  VA: ['Holy See', 'Vatican'],
  VE: ['Venezuela (Bolivarian Republic of)', 'Bolivarian Republic of Venezuela'],
  VG: ['Virgin Islands (British)'],
  VI: ['Virgin Islands (U.S.)', 'United States Virgin Islands'],
  VN: ['Vietnam'],
  ZA: ['남아프리카공화국', '남아프리카 공화국', '남아공'],
  AU: ['호주'],
};

/** The officially assigned ISO 3166-1 alpha-2 codes. */
export const ISO_COUNTRY_CODES: ReadonlySet<string> = new Set(COUNTRIES.map(([code]) => code));

/**
 * Lookup key: diacritics and case folded, "&" read as "and", a leading "the" dropped, and every
 * character that is not a letter or digit removed (so "Guinea Bissau" = "Guinea-Bissau" and
 * "남아프리카 공화국" = "남아프리카공화국").
 */
export function countryNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/^\s*the\s+/u, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .normalize('NFC');
}

function buildNameIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const add = (code: string, name: string): void => {
    const key = countryNameKey(name);
    const existing = index.get(key);
    if (existing !== undefined && existing !== code) {
      throw new Error(`country name "${name}" is claimed by both ${existing} and ${code}`);
    }
    index.set(key, code);
  };
  for (const [code, isoName, otherEnglish, korean] of COUNTRIES) {
    add(code, isoName);
    for (const name of otherEnglish) add(code, name);
    for (const name of korean) add(code, name);
  }
  for (const [code, names] of Object.entries(MORE_NAMES)) {
    if (!ISO_COUNTRY_CODES.has(code)) throw new Error(`extra country names for unknown code ${code}`);
    for (const name of names) add(code, name);
  }
  return index;
}

const NAME_INDEX = buildNameIndex();

/** A country name (English or Korean) → alpha-2, or undefined when it is not known. */
export function countryCodeFromName(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  const key = countryNameKey(name);
  return key ? NAME_INDEX.get(key) : undefined;
}

/** An alpha-2 code in any case → the upper-case code, or undefined when it is not assigned. */
export function normalizeCountryCode(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  const upper = code.trim().toUpperCase();
  return ISO_COUNTRY_CODES.has(upper) ? upper : undefined;
}

/** An alpha-2 code or a country name → alpha-2, or undefined. */
export function resolveCountry(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return normalizeCountryCode(trimmed) ?? countryCodeFromName(trimmed);
  return countryCodeFromName(trimmed);
}
