import { defaultRuleSet, RoutingEngine, RuleSetError, validateRuleSet } from './routing-engine';
import {
  DUAL_USE_ETHICS,
  KNOWLEDGE_SECURITY,
  ProposedRoute,
  RISK_DESTINATIONS,
  RoutingCountry,
  RoutingHit,
  RoutingInput,
  RuleSet,
} from './routing.types';

// Fictional countries in ISO's user-assigned range, so the tests make no statement about real ones.
function country(code: string, name: string, risk: Partial<RoutingCountry> = {}): RoutingCountry {
  return { code, name, travelAdvice: 1, securityRisk: 'low', sanctioned: false, armsEmbargo: false, ...risk };
}

const COUNTRIES: ReadonlyMap<string, RoutingCountry> = new Map(
  [
    country('DE', 'Germany'),
    country('XA', 'Arland', { travelAdvice: 2 }),
    country('XB', 'Borduria', { travelAdvice: 3 }),
    country('XC', 'Carpania', { travelAdvice: 4 }),
    country('XD', 'Drovia', { travelAdvice: 4 }),
    country('XM', 'Medland', { securityRisk: 'medium' }),
    country('XH', 'Highland', { securityRisk: 'high' }),
    country('XV', 'Veryhighland', { securityRisk: 'very_high' }),
    country('XS', 'Sanctonia', { sanctioned: true }),
    country('XE', 'Embargia', { armsEmbargo: true }),
  ].map((c): [string, RoutingCountry] => [c.code, c]),
);

/** A partnership with a university in Germany: nothing to review. */
function benign(): RoutingInput {
  return {
    type: 'partnership',
    partners: [{ name: 'Heidelberg University', country: 'DE', type: 'university' }],
    destinations: [],
    technologyAreas: [],
    dualUse: { annexICategories: [], militaryEndUse: false, misusePotential: false },
    funding: [{ source: 'Horizon Europe', type: 'eu' }],
    screeningHits: [],
  };
}

function proposal(changes: Partial<RoutingInput> = {}): RoutingInput {
  return { ...benign(), ...changes };
}

const noDualUse: RoutingInput['dualUse'] = { annexICategories: [], militaryEndUse: false, misusePotential: false };

function hit(changes: Partial<RoutingHit> = {}): RoutingHit {
  return {
    partnerName: 'Harbin Inst. of Technology',
    list: 'US BIS Entity List',
    listKind: 'export_control',
    entityName: 'Harbin Institute of Technology',
    matchedName: 'Harbin Institute of Technology',
    score: 0.93,
    ...changes,
  };
}

function partnerIn(code: string, type = 'university') {
  return { name: `Partner in ${code}`, country: code, type };
}

function firedRules(route: ProposedRoute): string[] {
  return [...new Set(route.route.flatMap((entry) => entry.reasons.map((reason) => reason.rule)))];
}

function messageOf(route: ProposedRoute, rule: string): string | undefined {
  return route.route.flatMap((entry) => entry.reasons).find((reason) => reason.rule === rule)?.message;
}

function copyOfDefault(): RuleSet {
  return structuredClone(defaultRuleSet);
}

describe('RoutingEngine', () => {
  const engine = new RoutingEngine();

  it('proposes an empty route for a partnership with a university in Germany', () => {
    expect(engine.propose(benign(), COUNTRIES)).toEqual({ ruleSetVersion: '2026-11-01.1', route: [] });
  });

  it('returns the version of the rule set it was built with', () => {
    const ruleSet = { ...copyOfDefault(), version: '2027-01-15.3' };
    expect(new RoutingEngine(ruleSet).propose(benign(), COUNTRIES).ruleSetVersion).toBe('2027-01-15.3');
    expect(new RoutingEngine(ruleSet).version).toBe('2027-01-15.3');
  });

  it('ships one rule per row of the product routing table', () => {
    expect(defaultRuleSet.rules.map((rule) => rule.id)).toEqual([
      'travel-advice-high',
      'country-security-risk-high',
      'screening-list-match',
      'partner-military-or-security',
      'critical-technology-risk-country',
      'funding-foreign-government-or-military',
      'dual-use-declared',
      'human-rights-concern',
      'arms-embargo-sensitive-work',
    ]);
  });

  describe.each<[string, string, Partial<RoutingInput>, boolean]>([
    [
      'travel-advice-high',
      'a mobility destination with travel advice 2',
      { type: 'mobility', destinations: [{ country: 'XA' }] },
      false,
    ],
    [
      'travel-advice-high',
      'a mobility destination with travel advice 3',
      { type: 'mobility', destinations: [{ country: 'XB', city: 'Szohod' }] },
      true,
    ],
    [
      'travel-advice-high',
      'a mobility destination with travel advice 4',
      { type: 'mobility', destinations: [{ country: 'XC' }] },
      true,
    ],
    ['travel-advice-high', 'a partner country with travel advice 2', { partners: [partnerIn('XA')] }, false],
    ['travel-advice-high', 'a partner country with travel advice 3', { partners: [partnerIn('XB')] }, true],

    [
      'country-security-risk-high',
      'a partner country with security risk medium',
      { partners: [partnerIn('XM')] },
      false,
    ],
    ['country-security-risk-high', 'a partner country with security risk high', { partners: [partnerIn('XH')] }, true],
    [
      'country-security-risk-high',
      'a destination with security risk very high',
      { type: 'mobility', destinations: [{ country: 'XV' }] },
      true,
    ],
    [
      'country-security-risk-high',
      'a partner country under EU restrictive measures, security risk low',
      { partners: [partnerIn('XS')] },
      true,
    ],

    ['screening-list-match', 'a screening hit with score 0.69', { screeningHits: [hit({ score: 0.69 })] }, false],
    ['screening-list-match', 'a screening hit with score 0.7', { screeningHits: [hit({ score: 0.7 })] }, true],

    ['partner-military-or-security', 'a university partner', { partners: [partnerIn('DE', 'university')] }, false],
    ['partner-military-or-security', 'a government partner', { partners: [partnerIn('DE', 'government')] }, false],
    ['partner-military-or-security', 'a military partner', { partners: [partnerIn('DE', 'military')] }, true],
    [
      'partner-military-or-security',
      'a defence industry partner',
      { partners: [partnerIn('DE', 'defence_industry')] },
      true,
    ],
    [
      'partner-military-or-security',
      'a government security partner',
      { partners: [partnerIn('DE', 'government_security')] },
      true,
    ],

    [
      'critical-technology-risk-country',
      'quantum with a partner in a low risk country',
      { technologyAreas: ['quantum'], partners: [partnerIn('DE')] },
      false,
    ],
    [
      'critical-technology-risk-country',
      'quantum with a partner in a medium risk country',
      { technologyAreas: ['quantum'], partners: [partnerIn('XM')] },
      true,
    ],
    [
      'critical-technology-risk-country',
      'no technology with a partner in a high risk country',
      { partners: [partnerIn('XH')] },
      false,
    ],
    [
      'critical-technology-risk-country',
      'quantum with a low risk partner and a high risk destination (partner countries only)',
      { technologyAreas: ['quantum'], partners: [partnerIn('DE')], destinations: [{ country: 'XH' }] },
      false,
    ],

    [
      'funding-foreign-government-or-military',
      'EU funding',
      { funding: [{ source: 'Horizon Europe', type: 'eu' }] },
      false,
    ],
    [
      'funding-foreign-government-or-military',
      'national funding',
      { funding: [{ source: 'NWO', type: 'national' }] },
      false,
    ],
    [
      'funding-foreign-government-or-military',
      'foreign government funding',
      { funding: [{ source: 'Ministry of Science of Arland', type: 'foreign_government' }] },
      true,
    ],
    [
      'funding-foreign-government-or-military',
      'military funding',
      { funding: [{ source: 'Office of Naval Research', type: 'military' }] },
      true,
    ],

    ['dual-use-declared', 'no dual-use declaration', { dualUse: noDualUse }, false],
    ['dual-use-declared', 'an Annex I category', { dualUse: { ...noDualUse, annexICategories: [0] } }, true],
    ['dual-use-declared', 'a military end use', { dualUse: { ...noDualUse, militaryEndUse: true } }, true],
    ['dual-use-declared', 'a potential for misuse', { dualUse: { ...noDualUse, misusePotential: true } }, true],
    [
      'dual-use-declared',
      'only a human-rights concern',
      { dualUse: { ...noDualUse, humanRightsConcern: true } },
      false,
    ],

    ['human-rights-concern', 'a human-rights concern', { dualUse: { ...noDualUse, humanRightsConcern: true } }, true],
    [
      'human-rights-concern',
      'human-rights concern false',
      { dualUse: { ...noDualUse, humanRightsConcern: false } },
      false,
    ],
    ['human-rights-concern', 'no human-rights answer', { dualUse: noDualUse }, false],

    [
      'arms-embargo-sensitive-work',
      'an embargoed partner country and a technology area',
      { partners: [partnerIn('XE')], technologyAreas: ['energy'] },
      true,
    ],
    [
      'arms-embargo-sensitive-work',
      'an embargoed destination and a military end use',
      { destinations: [{ country: 'XE' }], dualUse: { ...noDualUse, militaryEndUse: true } },
      true,
    ],
    [
      'arms-embargo-sensitive-work',
      'an embargoed partner country and an Annex I category',
      { partners: [partnerIn('XE')], dualUse: { ...noDualUse, annexICategories: [5] } },
      true,
    ],
    [
      'arms-embargo-sensitive-work',
      'an embargoed partner country and a potential for misuse',
      { partners: [partnerIn('XE')], dualUse: { ...noDualUse, misusePotential: true } },
      true,
    ],
    [
      'arms-embargo-sensitive-work',
      'an embargoed partner country, no technology, no dual use',
      { partners: [partnerIn('XE')] },
      false,
    ],
    [
      'arms-embargo-sensitive-work',
      'an embargoed partner country and only a human-rights concern',
      { partners: [partnerIn('XE')], dualUse: { ...noDualUse, humanRightsConcern: true } },
      false,
    ],
    [
      'arms-embargo-sensitive-work',
      'a technology area without an embargoed country',
      { partners: [partnerIn('XH')], technologyAreas: ['energy'] },
      false,
    ],
  ])('rule %s with %s', (rule, _description, changes, fires) => {
    it(fires ? 'fires' : 'does not fire', () => {
      expect(firedRules(engine.propose(proposal(changes), COUNTRIES)).includes(rule)).toBe(fires);
    });
  });

  it.each<[string, Partial<RoutingInput>, string[]]>([
    ['travel-advice-high', { destinations: [{ country: 'XC' }] }, [RISK_DESTINATIONS]],
    ['country-security-risk-high', { partners: [partnerIn('XH')] }, [KNOWLEDGE_SECURITY]],
    ['screening-list-match', { screeningHits: [hit()] }, [KNOWLEDGE_SECURITY]],
    [
      'partner-military-or-security',
      { partners: [partnerIn('DE', 'military')] },
      [KNOWLEDGE_SECURITY, DUAL_USE_ETHICS],
    ],
    [
      'critical-technology-risk-country',
      { partners: [partnerIn('XM')], technologyAreas: ['quantum'] },
      [KNOWLEDGE_SECURITY],
    ],
    [
      'funding-foreign-government-or-military',
      { funding: [{ source: 'Arland Army', type: 'military' }] },
      [KNOWLEDGE_SECURITY],
    ],
    ['dual-use-declared', { dualUse: { ...noDualUse, misusePotential: true } }, [DUAL_USE_ETHICS]],
    ['human-rights-concern', { dualUse: { ...noDualUse, humanRightsConcern: true } }, [DUAL_USE_ETHICS]],
    ['arms-embargo-sensitive-work', { partners: [partnerIn('XE')], technologyAreas: ['energy'] }, [DUAL_USE_ETHICS]],
  ])('rule %s sends the case to its committees', (rule, changes, committees) => {
    const { route } = engine.propose(proposal(changes), COUNTRIES);
    expect(
      route.filter((entry) => entry.reasons.some((reason) => reason.rule === rule)).map((entry) => entry.committee),
    ).toEqual(committees);
  });

  it.each<[string, Partial<RoutingInput>, string]>([
    [
      'travel-advice-high',
      {
        type: 'mobility',
        destinations: [{ country: 'XC' }, { country: 'XD' }, { country: 'XC', city: 'Other city' }, { country: 'XA' }],
      },
      "Travel advice for Carpania (level 4) and Drovia (level 4) is 'non-essential travel discouraged' or stricter.",
    ],
    [
      'country-security-risk-high',
      { partners: [partnerIn('XH'), partnerIn('XM'), partnerIn('XS')], destinations: [{ country: 'XV' }] },
      'The proposal involves countries with a high security risk or under EU restrictive measures: ' +
        'Highland (security risk high), Sanctonia (security risk low, under EU restrictive measures) and Veryhighland (security risk very high).',
    ],
    [
      'screening-list-match',
      { screeningHits: [hit()] },
      "A partner's name resembles an entry on a screening list, so the committee checks whether it is the same organisation: " +
        '"Harbin Inst. of Technology" resembles "Harbin Institute of Technology" on US BIS Entity List (an export control list, a legal designation).',
    ],
    [
      'screening-list-match',
      {
        screeningHits: [
          hit({
            partnerName: 'NUDT',
            list: 'ASPI China Defence Universities Tracker',
            listKind: 'assessment',
            entityName: 'National University of Defense Technology',
            matchedName: 'NUDT',
            score: 0.95,
          }),
          hit({
            partnerName: 'Arland Trading Co.',
            list: 'EU financial sanctions',
            listKind: 'sanctions',
            entityName: 'Arland Trading Company',
            matchedName: 'Arland Trading Company',
            score: 0.81,
          }),
          hit({ partnerName: 'Some University', score: 0.55 }),
        ],
      },
      "A partner's name resembles an entry on a screening list, so the committee checks whether it is the same organisation: " +
        '"NUDT" resembles "National University of Defense Technology" (listed as "NUDT") on ASPI China Defence Universities Tracker (an assessment by its publisher, not a legal designation) and ' +
        '"Arland Trading Co." resembles "Arland Trading Company" on EU financial sanctions (a sanctions list, a legal designation).',
    ],
    [
      'partner-military-or-security',
      {
        partners: [
          partnerIn('DE'),
          { name: 'Arland Navy', country: 'XA', type: 'military' },
          { name: 'Bordurian Arms', country: 'XB', type: 'defence_industry' },
        ],
      },
      'The proposal has partners from the military, the defence industry or government security services: Arland Navy (military) and Bordurian Arms (defence industry).',
    ],
    [
      'critical-technology-risk-country',
      {
        technologyAreas: ['quantum', 'artificial_intelligence'],
        partners: [partnerIn('XM'), partnerIn('DE'), partnerIn('XH')],
      },
      'The proposal involves critical technology (quantum and artificial intelligence) with partners in countries with a medium or higher security risk: ' +
        'Medland (security risk medium) and Highland (security risk high).',
    ],
    [
      'funding-foreign-government-or-military',
      {
        funding: [
          { source: 'Horizon Europe', type: 'eu' },
          { source: 'Ministry of Science of Arland', type: 'foreign_government' },
        ],
      },
      'The proposal is funded by a foreign government or a military source: Ministry of Science of Arland (foreign government).',
    ],
    [
      'dual-use-declared',
      { dualUse: { annexICategories: [5, 3], militaryEndUse: true, misusePotential: true } },
      'The proposal declares dual-use items in Annex I categories 3 and 5 of EU Regulation 2021/821, a military end use and a potential for misuse.',
    ],
    [
      'arms-embargo-sensitive-work',
      {
        partners: [partnerIn('XE')],
        technologyAreas: ['robotics_autonomous'],
        dualUse: { ...noDualUse, annexICategories: [9] },
      },
      'The proposal involves technology (robotics and autonomous systems) and dual-use items in Annex I category 9 of EU Regulation 2021/821 ' +
        'together with a country under an arms embargo: Embargia.',
    ],
  ])('rule %s explains itself, naming everything that matched', (rule, changes, message) => {
    expect(messageOf(engine.propose(proposal(changes), COUNTRIES), rule)).toBe(message);
  });

  it('gives one reason per firing rule, in rule order, when several rules send the case to one committee', () => {
    const { route } = engine.propose(
      proposal({
        partners: [{ name: 'Highland Defence Institute', country: 'XH', type: 'defence_industry' }],
        funding: [{ source: 'Highland Ministry of Defence', type: 'military' }],
        screeningHits: [hit({ partnerName: 'Highland Defence Institute' })],
      }),
      COUNTRIES,
    );
    expect(route.map((entry) => [entry.committee, entry.reasons.map((reason) => reason.rule)])).toEqual([
      [
        KNOWLEDGE_SECURITY,
        [
          'country-security-risk-high',
          'screening-list-match',
          'partner-military-or-security',
          'funding-foreign-government-or-military',
        ],
      ],
      [DUAL_USE_ETHICS, ['partner-military-or-security']],
    ]);
  });

  it('lists each committee once, in the fixed order, when every rule fires', () => {
    const everything = proposal({
      type: 'mobility',
      partners: [{ name: 'Embargia Army Academy', country: 'XE', type: 'military' }, partnerIn('XH')],
      destinations: [{ country: 'XC' }],
      technologyAreas: ['quantum'],
      dualUse: { annexICategories: [1], militaryEndUse: true, misusePotential: true, humanRightsConcern: true },
      funding: [{ source: 'Embargia Ministry of Defence', type: 'military' }],
      screeningHits: [hit()],
    });
    const { route } = engine.propose(everything, COUNTRIES);
    expect(route.map((entry) => entry.committee)).toEqual([RISK_DESTINATIONS, KNOWLEDGE_SECURITY, DUAL_USE_ETHICS]);
    expect(firedRules({ ruleSetVersion: '', route }).sort()).toEqual(
      defaultRuleSet.rules.map((rule) => rule.id).sort(),
    );
    expect(engine.propose(everything, COUNTRIES)).toEqual({ ruleSetVersion: '2026-11-01.1', route });
  });

  it('orders the known committees first, then other committee keys alphabetically, whatever the rule order', () => {
    const firesAlways = { kind: 'partner-type', params: { partnerTypes: ['university'] }, message: 'Always.' };
    const engineWithMoreCommittees = new RoutingEngine({
      version: 'test.1',
      rules: [
        { ...firesAlways, id: 'to-zeta', committees: ['zeta_board'] },
        { ...firesAlways, id: 'to-dual-use-and-alpha', committees: [DUAL_USE_ETHICS, 'alpha_board'] },
        { ...firesAlways, id: 'to-knowledge-security', committees: [KNOWLEDGE_SECURITY] },
        { ...firesAlways, id: 'to-risk-destinations', committees: [RISK_DESTINATIONS] },
      ],
    });
    const { route } = engineWithMoreCommittees.propose(benign(), COUNTRIES);
    expect(route.map((entry) => entry.committee)).toEqual([
      RISK_DESTINATIONS,
      KNOWLEDGE_SECURITY,
      DUAL_USE_ETHICS,
      'alpha_board',
      'zeta_board',
    ]);
  });

  it('ignores country codes missing from the country table', () => {
    const unknownCountry = proposal({
      partners: [{ name: 'Somewhere University', country: 'QQ', type: 'university' }],
      destinations: [{ country: 'QZ' }],
    });
    expect(engine.propose(unknownCountry, COUNTRIES).route).toEqual([]);
  });

  it('reads thresholds from the rule set, not from code', () => {
    const ruleSet = copyOfDefault();
    ruleSet.rules[0].params.minTravelAdvice = 2;
    const input = proposal({ type: 'mobility', destinations: [{ country: 'XA' }] });
    expect(firedRules(engine.propose(input, COUNTRIES))).toEqual([]);
    expect(firedRules(new RoutingEngine(ruleSet).propose(input, COUNTRIES))).toEqual(['travel-advice-high']);
  });

  it('is not affected by later changes to the rule set object it was given', () => {
    const ruleSet = copyOfDefault();
    const engineOnCopy = new RoutingEngine(ruleSet);
    ruleSet.rules[0].kind = 'no-such-kind';
    expect(engineOnCopy.propose(benign(), COUNTRIES).route).toEqual([]);
  });
});

describe('validateRuleSet', () => {
  it('accepts the shipped rule set', () => {
    expect(() => validateRuleSet(defaultRuleSet)).not.toThrow();
  });

  it.each<[string, (ruleSet: RuleSet) => unknown, RegExp]>([
    [
      'an unknown kind',
      (r) => ((r.rules[0].kind = 'travel-advise-at-least'), r),
      /rule "travel-advice-high": unknown kind "travel-advise-at-least"/,
    ],
    [
      'a missing kind',
      (r) => (delete (r.rules[0] as Partial<RuleSet['rules'][number]>).kind, r),
      /unknown kind undefined/,
    ],
    [
      'a missing parameter',
      (r) => (delete r.rules[0].params.minTravelAdvice, r),
      /rule "travel-advice-high": missing parameter minTravelAdvice/,
    ],
    [
      'a parameter of the wrong type',
      (r) => ((r.rules[2].params.minScore = '0.7'), r),
      /rule "screening-list-match": parameter minScore must be a number/,
    ],
    [
      'an unknown security risk level',
      (r) => ((r.rules[1].params.securityRisk = ['high', 'severe']), r),
      /parameter securityRisk must be a non-empty list of: low, medium, high, very_high/,
    ],
    [
      'an empty list parameter',
      (r) => ((r.rules[3].params.partnerTypes = []), r),
      /parameter partnerTypes must be a non-empty list/,
    ],
    [
      'a misspelt partner type',
      (r) => ((r.rules[3].params.partnerTypes = ['milltary']), r),
      /parameter partnerTypes must be/,
    ],
    [
      'an unknown parameter',
      (r) => ((r.rules[0].params.maxTravelAdvice = 4), r),
      /rule "travel-advice-high": unknown parameter maxTravelAdvice/,
    ],
    [
      'a committee key with spaces',
      (r) => ((r.rules[0].committees = ['Risk Destinations']), r),
      /"Risk Destinations" is not a committee key/,
    ],
    [
      'a kebab-case committee key',
      (r) => ((r.rules[0].committees = ['knowledge-security']), r),
      /"knowledge-security" is not a committee key/,
    ],
    ['no committee', (r) => ((r.rules[0].committees = []), r), /committees must be a non-empty list/],
    [
      'a committee listed twice',
      (r) => ((r.rules[0].committees = [RISK_DESTINATIONS, RISK_DESTINATIONS]), r),
      /a committee is listed twice/,
    ],
    ['a duplicate id', (r) => ((r.rules[4].id = r.rules[1].id), r), /rule "country-security-risk-high": duplicate id/],
    [
      'an id that is not kebab-case',
      (r) => ((r.rules[0].id = 'Travel_Advice'), r),
      /rule "Travel_Advice": id must be kebab-case/,
    ],
    ['an empty message', (r) => ((r.rules[0].message = ' '), r), /message must be a non-empty string/],
    [
      'a placeholder the kind does not fill',
      (r) => ((r.rules[0].message = 'Travel advice for {country}.'), r),
      /unknown placeholder \{country\} \(kind travel-advice-at-least fills countries\)/,
    ],
    [
      'params that are not an object',
      (r) => ((r.rules[0].params = [] as unknown as Record<string, unknown>), r),
      /params must be an object/,
    ],
    ['an empty version', (r) => ({ ...r, version: '' }), /version must be a non-empty string/],
    ['no rules list', (r) => ({ version: r.version }), /rules must be a list/],
    ['a rule that is not an object', (r) => ({ ...r, rules: ['travel-advice-high'] }), /rule 1 must be an object/],
    ['not an object at all', () => null, /expected an object/],
  ])('rejects %s', (_description, spoil, problem) => {
    const spoilt = spoil(copyOfDefault());
    expect(() => validateRuleSet(spoilt)).toThrow(RuleSetError);
    expect(() => validateRuleSet(spoilt)).toThrow(problem);
  });

  it('lists every problem at once', () => {
    const ruleSet = copyOfDefault();
    ruleSet.rules[0].kind = 'nope';
    ruleSet.rules[1].committees = ['Bad Key'];
    expect(() => validateRuleSet(ruleSet)).toThrow(
      expect.objectContaining({
        problems: [
          'rule "travel-advice-high": unknown kind "nope"',
          'rule "country-security-risk-high": "Bad Key" is not a committee key (snake_case)',
        ],
      }),
    );
  });

  it('is applied by the engine', () => {
    const ruleSet = copyOfDefault();
    ruleSet.rules.push({ ...ruleSet.rules[0] });
    expect(() => new RoutingEngine(ruleSet)).toThrow(/duplicate id/);
  });
});
