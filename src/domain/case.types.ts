export const CASE_TYPES = ['partnership', 'mobility'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_STATUSES = [
  'draft',
  'triage',
  'in_review',
  'information_requested',
  'escalated',
  'approved',
  'approved_with_conditions',
  'rejected',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses with a final outcome (leadership sees these, conditions follow up from them). */
export const DECIDED_STATUSES: readonly CaseStatus[] = ['approved', 'approved_with_conditions', 'rejected'];

export const STAGE_STATUSES = ['open', 'information_requested', 'decided', 'cancelled'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const DECISIONS = ['approve', 'approve_with_conditions', 'reject', 'request_information', 'escalate'] as const;
export type Decision = (typeof DECISIONS)[number];

export const LEADERSHIP_DECISIONS = ['approve', 'approve_with_conditions', 'reject'] as const;
export type LeadershipDecision = (typeof LEADERSHIP_DECISIONS)[number];

export const PARTNER_TYPES = [
  'university',
  'research_institute',
  'company',
  'government',
  'government_security',
  'military',
  'defence_industry',
  'ngo',
  'other',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const FUNDING_TYPES = [
  'university',
  'eu',
  'national',
  'industry',
  'foreign_government',
  'military',
  'other',
] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

/** EU list of critical technology areas (2023). */
export const TECHNOLOGY_AREAS = [
  'advanced_semiconductors',
  'artificial_intelligence',
  'quantum',
  'biotechnologies',
  'advanced_connectivity',
  'advanced_sensing',
  'space_propulsion',
  'energy',
  'robotics_autonomous',
  'advanced_materials',
] as const;
export type TechnologyArea = (typeof TECHNOLOGY_AREAS)[number];

/** How the critical technology areas read in an English sentence; typed so no key can be missing. */
export const TECHNOLOGY_AREA_LABELS: Readonly<Record<TechnologyArea, string>> = {
  advanced_semiconductors: 'advanced semiconductors',
  artificial_intelligence: 'artificial intelligence',
  quantum: 'quantum',
  biotechnologies: 'biotechnologies',
  advanced_connectivity: 'advanced connectivity',
  advanced_sensing: 'advanced sensing',
  space_propulsion: 'space and propulsion',
  energy: 'energy',
  robotics_autonomous: 'robotics and autonomous systems',
  advanced_materials: 'advanced materials',
};

export const CONDITION_STATUSES = ['open', 'met', 'waived'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];

export interface Partner {
  name: string;
  country: string;
  type: PartnerType;
}

export interface Destination {
  country: string;
  city?: string | null;
  from: string;
  to: string;
}

export interface DualUse {
  annexICategories: number[];
  militaryEndUse: boolean;
  misusePotential: boolean;
  humanRightsConcern?: boolean;
  details?: string | null;
}

export interface Funding {
  source: string;
  type: FundingType;
}

export interface RouteEntry {
  committee: string;
  reasons: { rule: string; message: string }[];
}

export interface ScreeningHit {
  /** Identifies the hit within its case (hits stored before hit decisions existed have none). */
  id?: string;
  partnerName: string;
  list: string;
  listKind: 'sanctions' | 'export_control' | 'assessment';
  entityName: string;
  matchedName: string;
  country: string | null;
  score: number;
  reasons: string[];
  /** The listed entity: its list, its id on that list, and a checksum of its contents when screened. */
  entry?: ScreeningHitEntry;
  /** How the International Office or the Knowledge Security chair resolved the hit (confidential). */
  decision?: ScreeningHitDecision;
}

export interface ScreeningHitEntry {
  listId: string;
  externalId: string;
  checksum: string;
}

export const HIT_DECISIONS = ['false_positive', 'confirmed'] as const;
export type HitDecision = (typeof HIT_DECISIONS)[number];

export interface ScreeningHitDecision {
  decision: HitDecision;
  reason: string;
  decidedBy: { id: string; name: string };
  decidedAt: string;
}

export interface Outcome {
  decision: 'approved' | 'approved_with_conditions' | 'rejected';
  decidedAt: string;
  rationale?: string | null;
  note?: string | null;
  decidedBy: 'committees' | 'leadership' | 'international_office';
}

/** An open question to the applicant: who asked (triage or which stages), and when. */
export interface InformationRequest {
  askedAt: string;
  returnTo: 'triage' | 'in_review';
  questions: { from: string; text: string }[];
}
