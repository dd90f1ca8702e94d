/** A committee key, as stored in the committees table; rules may name committees beyond the three below. */
export type Committee = string;

export const RISK_DESTINATIONS = 'risk_destinations';
export const KNOWLEDGE_SECURITY = 'knowledge_security';
export const DUAL_USE_ETHICS = 'dual_use_ethics';
/** Also the order of a route: these first, then any other committee alphabetically. */
export const KNOWN_COMMITTEES: readonly Committee[] = [RISK_DESTINATIONS, KNOWLEDGE_SECURITY, DUAL_USE_ETHICS];

export interface RoutingCountry {
  code: string;
  name: string;
  travelAdvice: number;
  securityRisk: 'low' | 'medium' | 'high' | 'very_high';
  sanctioned: boolean;
  armsEmbargo: boolean;
}

export interface RoutingHit {
  partnerName: string;
  list: string;
  listKind: 'sanctions' | 'export_control' | 'assessment';
  entityName: string;
  matchedName: string;
  score: number;
}

export interface RoutingInput {
  type: 'partnership' | 'mobility';
  partners: { name: string; country: string; type: string }[];
  destinations: { country: string; city?: string | null }[];
  technologyAreas: string[];
  dualUse: {
    annexICategories: number[];
    militaryEndUse: boolean;
    misusePotential: boolean;
    humanRightsConcern?: boolean;
  };
  funding: { source: string; type: string }[];
  screeningHits: RoutingHit[];
}

export interface RouteReason {
  rule: string;
  message: string;
}

export interface ProposedRoute {
  ruleSetVersion: string;
  route: { committee: Committee; reasons: RouteReason[] }[];
}

/** One rule of `rule-set.json`: `kind` names a predicate of `routing-predicates.ts`, `params` are its thresholds. */
export interface RoutingRule {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  committees: Committee[];
  /** Plain English for the researcher; `{name}` placeholders are filled from what the predicate found. */
  message: string;
}

export interface RuleSet {
  version: string;
  rules: RoutingRule[];
}
