import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageCounts } from '../../common/pagination';
import { ScreeningSearchHitResponse } from '../../screening/dto/screening-response.dto';
import {
  CASE_STATUSES,
  CASE_TYPES,
  CONDITION_STATUSES,
  CaseStatus,
  CaseType,
  ConditionStatus,
  DECISIONS,
  Decision,
  Destination,
  DualUse,
  FUNDING_TYPES,
  Funding,
  FundingType,
  InformationRequest,
  Outcome,
  PARTNER_TYPES,
  Partner,
  PartnerType,
  RouteEntry,
  STAGE_STATUSES,
  HIT_DECISIONS,
  HitDecision,
  StageStatus,
  TECHNOLOGY_AREAS,
} from '../../domain/case.types';

/*
 * The documented shape of what case-response.mapper.ts and cases.service.ts answer. The mapper is
 * the source of truth; test/e2e/openapi-responses.e2e-spec.ts fails when the two drift apart.
 */

export class PersonResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

export class CaseApplicantResponse extends PersonResponse {
  @ApiProperty()
  email: string;
}

export class CasePartnerResponse implements Partner {
  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'CN', description: 'ISO 3166-1 alpha-2' })
  country: string;

  @ApiProperty({ enum: PARTNER_TYPES })
  type: PartnerType;
}

export class CaseDestinationResponse implements Destination {
  @ApiProperty({ example: 'UA', description: 'ISO 3166-1 alpha-2' })
  country: string;

  @ApiProperty({ type: String, nullable: true })
  city: string | null;

  @ApiProperty({ format: 'date' })
  from: string;

  @ApiProperty({ format: 'date' })
  to: string;
}

export class CaseDualUseResponse implements DualUse {
  @ApiProperty({
    type: 'integer',
    isArray: true,
    minimum: 0,
    maximum: 9,
    description: 'EU Regulation 2021/821 Annex I categories',
  })
  annexICategories: number[];

  @ApiProperty()
  militaryEndUse: boolean;

  @ApiProperty()
  misusePotential: boolean;

  @ApiPropertyOptional()
  humanRightsConcern?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  details?: string | null;
}

export class CaseFundingResponse implements Funding {
  @ApiProperty()
  source: string;

  @ApiProperty({ enum: FUNDING_TYPES })
  type: FundingType;
}

export class RouteReasonResponse {
  @ApiProperty({ description: 'The routing rule that fired' })
  rule: string;

  @ApiProperty()
  message: string;
}

export class RouteEntryResponse implements RouteEntry {
  @ApiProperty({ example: 'knowledge_security' })
  committee: string;

  @ApiProperty({ type: [RouteReasonResponse] })
  reasons: RouteReasonResponse[];
}

export class OpinionResponse {
  @ApiProperty({ type: PersonResponse })
  reviewer: PersonResponse;

  @ApiProperty({ enum: DECISIONS })
  recommendation: Decision;

  @ApiProperty()
  comment: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class StageResponse {
  @ApiProperty({ example: 'knowledge_security' })
  committee: string;

  @ApiProperty({ enum: STAGE_STATUSES })
  status: StageStatus;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ enum: DECISIONS, nullable: true, type: String })
  decision: Decision | null;

  @ApiProperty({ type: String, nullable: true })
  rationale: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Present once the committee set conditions' })
  conditions?: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt: string | null;

  @ApiPropertyOptional({ type: [PersonResponse], description: 'Not shown to the applicant' })
  reviewers?: PersonResponse[];

  @ApiPropertyOptional({ type: [OpinionResponse], description: 'Not shown to the applicant' })
  opinions?: OpinionResponse[];
}

/** A hit as screening search answers it (the same shape as a screening search hit), for one of the case's partners. */
export class ScreeningHitDecisionResponse {
  @ApiProperty({ enum: HIT_DECISIONS })
  decision: HitDecision;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: PersonResponse })
  decidedBy: PersonResponse;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
}

export class CaseScreeningHitResponse extends ScreeningSearchHitResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Identifies the hit for a decision; null for a hit found before hits could be decided',
  })
  id: string | null;

  @ApiProperty({ description: 'The partner name that was screened' })
  partnerName: string;

  @ApiProperty({
    type: ScreeningHitDecisionResponse,
    nullable: true,
    description: 'How the hit was resolved, and by whom; null while undecided',
  })
  decision: ScreeningHitDecisionResponse | null;
}

export class CaseScreeningResponse {
  @ApiProperty({ type: [CaseScreeningHitResponse] })
  hits: CaseScreeningHitResponse[];
}

export class InformationQuestionResponse {
  @ApiProperty({ description: '"international_office" or the key of the asking committee' })
  from: string;

  @ApiProperty()
  text: string;
}

export class InformationRequestResponse implements InformationRequest {
  @ApiProperty({ format: 'date-time' })
  askedAt: string;

  @ApiProperty({ enum: ['triage', 'in_review'], description: 'Where the answer returns the case' })
  returnTo: InformationRequest['returnTo'];

  @ApiProperty({ type: [InformationQuestionResponse] })
  questions: InformationQuestionResponse[];
}

export class OutcomeConditionResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ enum: CONDITION_STATUSES })
  status: ConditionStatus;

  @ApiPropertyOptional({ description: 'Present once the condition was waived' })
  waiverReason?: string;
}

export class OutcomeResponse {
  @ApiProperty({ enum: ['approved', 'approved_with_conditions', 'rejected'] })
  decision: Outcome['decision'];

  @ApiProperty({ type: [OutcomeConditionResponse] })
  conditions: OutcomeConditionResponse[];

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  @ApiProperty({ type: String, nullable: true })
  rationale: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'e.g. "no review required"' })
  note: string | null;
}

/** A case as the viewer may see it: the applicant gets no `screening`, and stages without `reviewers` and `opinions`. */
export class CaseResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'IRR-2026-00042' })
  reference: string;

  @ApiProperty({ enum: CASE_TYPES })
  type: CaseType;

  @ApiProperty()
  title: string;

  @ApiProperty()
  summary: string;

  @ApiProperty({ type: String, nullable: true })
  department: string | null;

  @ApiProperty({ type: CaseApplicantResponse })
  applicant: CaseApplicantResponse;

  @ApiProperty({ enum: CASE_STATUSES })
  status: CaseStatus;

  @ApiProperty({ type: [CasePartnerResponse] })
  partners: CasePartnerResponse[];

  @ApiProperty({ type: [CaseDestinationResponse] })
  destinations: CaseDestinationResponse[];

  @ApiProperty({ enum: TECHNOLOGY_AREAS, isArray: true })
  technologyAreas: string[];

  @ApiProperty({ type: CaseDualUseResponse })
  dualUse: CaseDualUseResponse;

  @ApiProperty({ type: [CaseFundingResponse] })
  funding: CaseFundingResponse[];

  @ApiProperty({ type: String, format: 'date', nullable: true })
  startDate: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  endDate: string | null;

  @ApiProperty({ type: [RouteEntryResponse], description: 'Proposed at submit; empty before' })
  route: RouteEntryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'The routing rule set that proposed the route' })
  ruleSetVersion: string | null;

  @ApiProperty({ type: [StageResponse] })
  stages: StageResponse[];

  @ApiPropertyOptional({ type: CaseScreeningResponse, description: 'Not shown to the applicant' })
  screening?: CaseScreeningResponse;

  @ApiProperty({ type: InformationRequestResponse, nullable: true, description: 'The open questions to the applicant' })
  informationRequest: InformationRequestResponse | null;

  @ApiProperty({ type: OutcomeResponse, nullable: true })
  outcome: OutcomeResponse | null;

  @ApiProperty({ type: 'integer', description: 'Increases with every change' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class CasePageResponse extends PageCounts {
  @ApiProperty({ type: [CaseResponseDto] })
  items: CaseResponseDto[];
}

export class HistoryActorResponse {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for the system, or for a committee acting as a whole (as the applicant sees it)',
  })
  id: string | null;

  @ApiProperty({ description: 'The person, the committee, or "system"' })
  name: string;
}

export class CaseHistoryEntryResponse {
  @ApiProperty({ type: 'integer', description: 'Position in the hash chain, from 1' })
  seq: number;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: HistoryActorResponse })
  actor: HistoryActorResponse;

  @ApiProperty({ example: 'submitted' })
  action: string;

  @ApiProperty({ enum: CASE_STATUSES, nullable: true, type: String })
  fromStatus: CaseStatus | null;

  @ApiProperty({ enum: CASE_STATUSES, nullable: true, type: String })
  toStatus: CaseStatus | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What happened; the keys depend on the action (the applicant sees no confidential ones)',
  })
  details: Record<string, unknown>;
}

export class ChainVerificationResponse {
  @ApiProperty()
  valid: boolean;

  @ApiProperty({ type: 'integer', description: 'Events checked' })
  events: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The first event whose hash or link does not match' })
  brokenAtSeq: number | null;
}

export class OverdueStageResponse {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty()
  reference: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: CASE_STATUSES })
  caseStatus: CaseStatus;

  @ApiProperty()
  committee: string;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  daysOverdue: number;
}

export class ConflictResponse {
  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty()
  committee: string;

  @ApiProperty({ description: 'Always true: you are recused from the case' })
  recused: boolean;
}
