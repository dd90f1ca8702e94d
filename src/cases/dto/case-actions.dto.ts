import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Omittable } from '../../common/validation';
import {
  CONDITION_STATUSES,
  DECISIONS,
  Decision,
  HIT_DECISIONS,
  HitDecision,
  LEADERSHIP_DECISIONS,
  LeadershipDecision,
} from '../../domain/case.types';
import { UpdateCaseDto } from './case-input.dto';

const COMMITTEE_KEY = /^[a-z][a-z0-9_]{1,63}$/;

export class TriageDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Absent: the proposed route. Empty: no review needed (the case is cleared).',
  })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @Matches(COMMITTEE_KEY, { each: true, message: 'committees must be committee keys' })
  committees?: string[];

  @ApiPropertyOptional({ description: 'Required when committees differ from the proposed route' })
  @Omittable()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

export class QuestionsDto {
  @ApiProperty({ description: 'Questions to the applicant' })
  @IsString()
  @Length(3, 10000)
  questions: string;
}

export class RespondDto {
  @ApiProperty()
  @IsString()
  @Length(1, 20000)
  answer: string;

  @ApiPropertyOptional({ type: UpdateCaseDto, description: 'Changes to the proposal that come with the answer' })
  @Omittable()
  @ValidateNested()
  @Type(() => UpdateCaseDto)
  changes?: UpdateCaseDto;
}

export class AssignReviewersDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  reviewerIds: string[];
}

export class OpinionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  recommendation: Decision;

  @ApiProperty()
  @IsString()
  @Length(1, 20000)
  comment: string;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision: Decision;

  @ApiProperty()
  @IsString()
  @Length(1, 20000)
  rationale: string;

  @ApiPropertyOptional({ type: [String], description: 'Required (non-empty) for approve_with_conditions' })
  @ValidateIf((o: DecisionDto) => o.decision === 'approve_with_conditions' || o.conditions !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 5000, { each: true })
  conditions?: string[];

  @ApiPropertyOptional({ description: 'Required for request_information' })
  @ValidateIf((o: DecisionDto) => o.decision === 'request_information' || o.questions !== undefined)
  @IsString()
  @Length(3, 10000)
  questions?: string;
}

export class LeadershipDecisionDto {
  @ApiProperty({ enum: LEADERSHIP_DECISIONS })
  @IsIn(LEADERSHIP_DECISIONS)
  decision: LeadershipDecision;

  @ApiProperty()
  @IsString()
  @Length(1, 20000)
  rationale: string;

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((o: LeadershipDecisionDto) => o.decision === 'approve_with_conditions' || o.conditions !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 5000, { each: true })
  conditions?: string[];
}

export class ReferDto {
  @ApiProperty({ example: 'dual_use_ethics' })
  @Matches(COMMITTEE_KEY, { message: 'committee must be a committee key' })
  committee: string;

  @ApiProperty()
  @IsString()
  @Length(3, 5000)
  reason: string;
}

export class ConflictDto {
  @ApiProperty({ example: 'knowledge_security' })
  @Matches(COMMITTEE_KEY, { message: 'committee must be a committee key' })
  committee: string;

  @ApiProperty()
  @IsString()
  @Length(3, 5000)
  reason: string;
}

export class WithdrawDto {
  @ApiProperty()
  @IsString()
  @Length(3, 5000)
  reason: string;
}

export class HitDecisionDto {
  @ApiProperty({
    enum: HIT_DECISIONS,
    description:
      'false_positive: another organisation (not raised again until the list entry changes); confirmed: the listed entity',
  })
  @IsIn(HIT_DECISIONS)
  decision: HitDecision;

  @ApiProperty({ description: 'Why: what was compared, and with what result' })
  @IsString()
  @Length(3, 5000)
  reason: string;
}

export class ConditionUpdateDto {
  @ApiProperty({ enum: ['met', 'waived'] })
  @IsIn(CONDITION_STATUSES.filter((s) => s !== 'open'))
  status: 'met' | 'waived';

  @ApiPropertyOptional({ description: 'Required when waiving' })
  @ValidateIf((o: ConditionUpdateDto) => o.status === 'waived' || o.reason !== undefined)
  @IsString()
  @Length(3, 5000)
  reason?: string;
}
