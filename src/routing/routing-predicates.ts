import { FUNDING_TYPES, PARTNER_TYPES, TECHNOLOGY_AREA_LABELS } from '../domain/case.types';
import { SECURITY_RISKS } from '../countries/country.types';
import type { RoutingCountry, RoutingHit, RoutingInput } from './routing.types';

/** The values a firing predicate hands to its rule's message, by placeholder name. */
export type Finding = Readonly<Record<string, string>>;
type Countries = ReadonlyMap<string, RoutingCountry>;

export const COUNTRY_SOURCES = ['partners', 'destinations'] as const;
export const DUAL_USE_FLAGS = ['annexICategories', 'militaryEndUse', 'misusePotential', 'humanRightsConcern'] as const;

type CountrySource = (typeof COUNTRY_SOURCES)[number];
type DualUseFlag = (typeof DUAL_USE_FLAGS)[number];

/** How a rule-set parameter is checked at start. */
export interface Param<T> {
  expected: string;
  accepts(value: unknown): value is T;
}

const number: Param<number> = {
  expected: 'a number',
  accepts: (value): value is number => typeof value === 'number' && Number.isFinite(value),
};

const boolean: Param<boolean> = {
  expected: 'true or false',
  accepts: (value): value is boolean => typeof value === 'boolean',
};

function oneOrMoreOf<T extends string>(allowed: readonly T[]): Param<T[]> {
  return {
    expected: `a non-empty list of: ${allowed.join(', ')}`,
    accepts: (value): value is T[] =>
      Array.isArray(value) && value.length > 0 && value.every((item) => (allowed as readonly unknown[]).includes(item)),
  };
}

export interface Predicate {
  params: Readonly<Record<string, Param<unknown>>>;
  placeholders: readonly string[];
  evaluate(input: RoutingInput, countries: Countries, params: Record<string, unknown>): Finding | null;
}

function predicate<P extends Record<string, unknown>, K extends string>(definition: {
  params: { [N in keyof P]: Param<P[N]> };
  placeholders: readonly K[];
  evaluate(input: RoutingInput, countries: Countries, params: P): Record<K, string> | null;
}): Predicate {
  return {
    params: definition.params,
    placeholders: definition.placeholders,
    // validateRuleSet has checked every parameter against definition.params before a rule runs.
    evaluate: (input, countries, params) => definition.evaluate(input, countries, params as P),
  };
}

/** The predicates a rule's `kind` may name. */
export const PREDICATES: Readonly<Record<string, Predicate>> = {
  'travel-advice-at-least': predicate({
    params: { countriesOf: oneOrMoreOf(COUNTRY_SOURCES), minTravelAdvice: number },
    placeholders: ['countries'],
    evaluate: (input, countries, { countriesOf, minTravelAdvice }) => {
      const found = countriesIn(input, countriesOf, countries).filter((c) => c.travelAdvice >= minTravelAdvice);
      return found.length === 0
        ? null
        : { countries: joinAnd(found.map((c) => `${c.name} (level ${c.travelAdvice})`)) };
    },
  }),

  'country-security-risk': predicate({
    params: {
      countriesOf: oneOrMoreOf(COUNTRY_SOURCES),
      securityRisk: oneOrMoreOf(SECURITY_RISKS),
      includeSanctioned: boolean,
    },
    placeholders: ['countries'],
    evaluate: (input, countries, { countriesOf, securityRisk, includeSanctioned }) => {
      const found = countriesIn(input, countriesOf, countries).filter(
        (c) => securityRisk.includes(c.securityRisk) || (includeSanctioned && c.sanctioned),
      );
      return found.length === 0 ? null : { countries: joinAnd(found.map(describeCountryRisk)) };
    },
  }),

  'screening-hit': predicate({
    params: { minScore: number },
    placeholders: ['matches'],
    evaluate: (input, _countries, { minScore }) => {
      const found = input.screeningHits.filter((hit) => hit.score >= minScore);
      return found.length === 0 ? null : { matches: joinAnd(found.map(describeHit)) };
    },
  }),

  'partner-type': predicate({
    params: { partnerTypes: oneOrMoreOf(PARTNER_TYPES) },
    placeholders: ['partners'],
    evaluate: (input, _countries, { partnerTypes }) => {
      const found = input.partners.filter((p) => (partnerTypes as readonly string[]).includes(p.type));
      return found.length === 0 ? null : { partners: joinAnd(found.map((p) => `${p.name} (${words(p.type)})`)) };
    },
  }),

  'technology-with-country-risk': predicate({
    params: {
      technologyAreas: oneOrMoreOf(Object.keys(TECHNOLOGY_AREA_LABELS)),
      countriesOf: oneOrMoreOf(COUNTRY_SOURCES),
      securityRisk: oneOrMoreOf(SECURITY_RISKS),
    },
    placeholders: ['technologies', 'countries'],
    evaluate: (input, countries, { technologyAreas, countriesOf, securityRisk }) => {
      const technologies = input.technologyAreas.filter((area) => technologyAreas.includes(area));
      const found = countriesIn(input, countriesOf, countries).filter((c) => securityRisk.includes(c.securityRisk));
      if (technologies.length === 0 || found.length === 0) return null;
      return {
        technologies: joinAnd(technologies.map(technologyLabel)),
        countries: joinAnd(found.map(describeCountryRisk)),
      };
    },
  }),

  'funding-type': predicate({
    params: { fundingTypes: oneOrMoreOf(FUNDING_TYPES) },
    placeholders: ['sources'],
    evaluate: (input, _countries, { fundingTypes }) => {
      const found = input.funding.filter((f) => (fundingTypes as readonly string[]).includes(f.type));
      return found.length === 0 ? null : { sources: joinAnd(found.map((f) => `${f.source} (${words(f.type)})`)) };
    },
  }),

  'dual-use-declaration': predicate({
    params: { flags: oneOrMoreOf(DUAL_USE_FLAGS) },
    placeholders: ['declared'],
    evaluate: (input, _countries, { flags }) => {
      const declared = describeDeclarations(input.dualUse, flags);
      return declared.length === 0 ? null : { declared: joinAnd(declared) };
    },
  }),

  'arms-embargo-with-technology-or-dual-use': predicate({
    params: { countriesOf: oneOrMoreOf(COUNTRY_SOURCES), dualUseFlags: oneOrMoreOf(DUAL_USE_FLAGS) },
    placeholders: ['countries', 'subjects'],
    evaluate: (input, countries, { countriesOf, dualUseFlags }) => {
      const embargoed = countriesIn(input, countriesOf, countries).filter((c) => c.armsEmbargo);
      const subjects = [
        ...(input.technologyAreas.length > 0
          ? [`technology (${joinAnd(input.technologyAreas.map(technologyLabel))})`]
          : []),
        ...describeDeclarations(input.dualUse, dualUseFlags),
      ];
      if (embargoed.length === 0 || subjects.length === 0) return null;
      return { countries: joinAnd(embargoed.map((c) => c.name)), subjects: joinAnd(subjects) };
    },
  }),
};

/** Countries named by the proposal in the given places, each once; codes missing from the table are skipped. */
function countriesIn(input: RoutingInput, sources: readonly CountrySource[], countries: Countries): RoutingCountry[] {
  const codes = sources.flatMap((source) =>
    source === 'partners' ? input.partners.map((p) => p.country) : input.destinations.map((d) => d.country),
  );
  return [...new Set(codes)].flatMap((code) => countries.get(code) ?? []);
}

function describeCountryRisk(country: RoutingCountry): string {
  const sanctions = country.sanctioned ? ', under EU restrictive measures' : '';
  return `${country.name} (security risk ${words(country.securityRisk)}${sanctions})`;
}

const LIST_KIND_LABELS: Record<RoutingHit['listKind'], string> = {
  sanctions: 'a sanctions list, a legal designation',
  export_control: 'an export control list, a legal designation',
  assessment: 'an assessment by its publisher, not a legal designation',
};

function describeHit(hit: RoutingHit): string {
  const alias = hit.matchedName === hit.entityName ? '' : ` (listed as "${hit.matchedName}")`;
  return `"${hit.partnerName}" resembles "${hit.entityName}"${alias} on ${hit.list} (${LIST_KIND_LABELS[hit.listKind]})`;
}

function describeDeclarations(dualUse: RoutingInput['dualUse'], flags: readonly DualUseFlag[]): string[] {
  return flags.flatMap((flag) => {
    switch (flag) {
      case 'annexICategories': {
        const categories = [...new Set(dualUse.annexICategories)].sort((a, b) => a - b);
        if (categories.length === 0) return [];
        const noun = categories.length === 1 ? 'category' : 'categories';
        return [`dual-use items in Annex I ${noun} ${joinAnd(categories.map(String))} of EU Regulation 2021/821`];
      }
      case 'militaryEndUse':
        return dualUse.militaryEndUse ? ['a military end use'] : [];
      case 'misusePotential':
        return dualUse.misusePotential ? ['a potential for misuse'] : [];
      case 'humanRightsConcern':
        return dualUse.humanRightsConcern ? ['a human-rights concern'] : [];
    }
  });
}

function technologyLabel(area: string): string {
  return (TECHNOLOGY_AREA_LABELS as Record<string, string>)[area] ?? words(area);
}

function words(key: string): string {
  return key.replace(/_/g, ' ');
}

/** "A", "A and B", "A, B and C"; repeated items once. */
function joinAnd(items: readonly string[]): string {
  const unique = [...new Set(items)];
  return unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}
