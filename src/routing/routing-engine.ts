import defaultRuleSetJson from './rule-set.json';
import { Finding, PREDICATES } from './routing-predicates';
import {
  Committee,
  KNOWN_COMMITTEES,
  ProposedRoute,
  RouteReason,
  RoutingCountry,
  RoutingInput,
  RuleSet,
} from './routing.types';

export const defaultRuleSet: RuleSet = defaultRuleSetJson;

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COMMITTEE_KEY = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;

export class RuleSetError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid routing rule set: ${problems.join('; ')}`);
    this.name = 'RuleSetError';
  }
}

/** Proposes the committees a case goes to, each with the reasons of the rules that sent it there. */
export class RoutingEngine {
  private readonly ruleSet: RuleSet;

  constructor(ruleSet: RuleSet = defaultRuleSet) {
    // A private copy: a caller changing its object later cannot bypass the validation.
    const copy: unknown = structuredClone(ruleSet);
    validateRuleSet(copy);
    this.ruleSet = copy;
  }

  get version(): string {
    return this.ruleSet.version;
  }

  propose(input: RoutingInput, countries: ReadonlyMap<string, RoutingCountry>): ProposedRoute {
    const reasons = new Map<Committee, RouteReason[]>();
    for (const rule of this.ruleSet.rules) {
      const finding = PREDICATES[rule.kind].evaluate(input, countries, rule.params);
      if (finding === null) continue;
      const message = fillMessage(rule.message, finding);
      for (const committee of rule.committees) {
        reasons.set(committee, [...(reasons.get(committee) ?? []), { rule: rule.id, message }]);
      }
    }
    return {
      ruleSetVersion: this.ruleSet.version,
      route: [...reasons]
        .sort(([a], [b]) => compareCommittees(a, b))
        .map(([committee, committeeReasons]) => ({ committee, reasons: committeeReasons })),
    };
  }
}

/** Throws a RuleSetError listing every problem; the app calls it at start so a bad file never routes a case. */
export function validateRuleSet(ruleSet: unknown): asserts ruleSet is RuleSet {
  if (!isRecord(ruleSet)) throw new RuleSetError(['expected an object with "version" and "rules"']);
  const problems: string[] = [];
  if (typeof ruleSet.version !== 'string' || ruleSet.version.trim() === '') {
    problems.push('version must be a non-empty string');
  }
  if (Array.isArray(ruleSet.rules)) {
    const seenIds = new Set<string>();
    ruleSet.rules.forEach((rule, index) => problems.push(...ruleProblems(rule, index, seenIds)));
  } else {
    problems.push('rules must be a list');
  }
  if (problems.length > 0) throw new RuleSetError(problems);
}

function ruleProblems(rule: unknown, index: number, seenIds: Set<string>): string[] {
  if (!isRecord(rule)) return [`rule ${index + 1} must be an object`];
  const name = typeof rule.id === 'string' ? `rule "${rule.id}"` : `rule ${index + 1}`;
  const problems: string[] = [];

  if (typeof rule.id !== 'string' || !RULE_ID.test(rule.id)) problems.push(`${name}: id must be kebab-case`);
  else if (seenIds.has(rule.id)) problems.push(`${name}: duplicate id`);
  else seenIds.add(rule.id);

  if (!Array.isArray(rule.committees) || rule.committees.length === 0) {
    problems.push(`${name}: committees must be a non-empty list`);
  } else {
    for (const committee of rule.committees) {
      if (typeof committee !== 'string' || !COMMITTEE_KEY.test(committee)) {
        problems.push(`${name}: ${JSON.stringify(committee)} is not a committee key (snake_case)`);
      }
    }
    if (new Set(rule.committees).size !== rule.committees.length) problems.push(`${name}: a committee is listed twice`);
  }

  if (typeof rule.message !== 'string' || rule.message.trim() === '')
    problems.push(`${name}: message must be a non-empty string`);

  if (typeof rule.kind !== 'string' || !Object.hasOwn(PREDICATES, rule.kind)) {
    return [...problems, `${name}: unknown kind ${JSON.stringify(rule.kind)}`];
  }
  const predicate = PREDICATES[rule.kind];
  if (!isRecord(rule.params)) return [...problems, `${name}: params must be an object`];
  for (const [param, check] of Object.entries(predicate.params)) {
    if (!Object.hasOwn(rule.params, param)) problems.push(`${name}: missing parameter ${param}`);
    else if (!check.accepts(rule.params[param])) problems.push(`${name}: parameter ${param} must be ${check.expected}`);
  }
  for (const param of Object.keys(rule.params)) {
    if (!Object.hasOwn(predicate.params, param)) problems.push(`${name}: unknown parameter ${param}`);
  }
  if (typeof rule.message === 'string') {
    for (const [, placeholder] of rule.message.matchAll(PLACEHOLDER)) {
      if (!predicate.placeholders.includes(placeholder)) {
        problems.push(
          `${name}: unknown placeholder {${placeholder}} (kind ${rule.kind} fills ${predicate.placeholders.join(', ')})`,
        );
      }
    }
  }
  return problems;
}

function fillMessage(template: string, finding: Finding): string {
  return template.replace(PLACEHOLDER, (placeholder, name: string) => finding[name] ?? placeholder);
}

/** Route order: the known committees in their fixed order, then any others alphabetically. */
export function compareCommittees(a: Committee, b: Committee): number {
  const rank = (committee: Committee) => {
    const index = KNOWN_COMMITTEES.indexOf(committee);
    return index === -1 ? KNOWN_COMMITTEES.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
