import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  Relation,
} from 'typeorm';
import { BigIntColumn, TimestampColumn, UuidEntity } from '../common/columns';
import { User } from '../users/user.entity';
import {
  CaseStatus,
  CaseType,
  ConditionStatus,
  Decision,
  Destination,
  DualUse,
  Funding,
  InformationRequest,
  Outcome,
  Partner,
  RouteEntry,
  ScreeningHit,
  StageStatus,
} from '../domain/case.types';

@Entity('cases')
@Index('IDX_cases_created', ['createdAt', 'reference'])
@Index('IDX_cases_status_created', ['status', 'createdAt', 'reference'])
@Index('IDX_cases_applicant_created', ['applicantId', 'createdAt', 'reference'])
export class Case extends UuidEntity {
  @Index('UQ_cases_reference', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  reference: string;

  @Column({ type: 'varchar', length: 20 })
  type: CaseType;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  department: string | null;

  @Column('uuid')
  applicantId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicantId' })
  applicant: Relation<User>;

  @Column({ type: 'varchar', length: 32 })
  status: CaseStatus;

  @Column({ type: 'simple-json' })
  partners: Partner[];

  @Column({ type: 'simple-json' })
  destinations: Destination[];

  @Column({ type: 'simple-json' })
  technologyAreas: string[];

  @Column({ type: 'simple-json' })
  dualUse: DualUse;

  @Column({ type: 'simple-json' })
  funding: Funding[];

  @Column({ type: 'varchar', length: 10, nullable: true })
  startDate: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  endDate: string | null;

  /** Lower-case reference, title and partner names, for the `q` filter. */
  @Column({ type: 'text' })
  searchText: string;

  /** The route proposed at submit, with its reasons. */
  @Column({ type: 'simple-json' })
  route: RouteEntry[];

  @Column({ type: 'varchar', length: 40, nullable: true })
  ruleSetVersion: string | null;

  @Column({ type: 'simple-json' })
  screeningHits: ScreeningHit[];

  @Column({ type: 'simple-json', nullable: true })
  outcome: Outcome | null;

  @Column({ type: 'simple-json', nullable: true })
  informationRequest: InformationRequest | null;

  /** Milliseconds spent waiting for the applicant's answers, so turnaround can exclude them. */
  @BigIntColumn()
  waitingMs: number;

  @Column({ type: 'integer' })
  version: number;

  @CreateDateColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  submittedAt: Date | null;

  @TimestampColumn({ nullable: true })
  decidedAt: Date | null;

  @TimestampColumn()
  updatedAt: Date;

  @OneToMany(() => CaseStage, (stage) => stage.case)
  stages: Relation<CaseStage>[];

  @OneToMany(() => CaseCondition, (condition) => condition.case)
  conditions: Relation<CaseCondition>[];

  @OneToMany(() => CaseConflict, (conflict) => conflict.case)
  conflicts: Relation<CaseConflict>[];
}

/** A committee's review of one case. */
@Entity('case_stages')
@Index('IDX_case_stages_case_committee', ['caseId', 'committeeKey'])
@Index('IDX_case_stages_committee_status', ['committeeKey', 'status'])
export class CaseStage extends UuidEntity {
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => Case, (c) => c.stages, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'caseId' })
  case: Relation<Case>;

  @Column({ type: 'varchar', length: 64 })
  committeeKey: string;

  @Column({ type: 'varchar', length: 32 })
  status: StageStatus;

  @TimestampColumn()
  openedAt: Date;

  @TimestampColumn()
  dueAt: Date;

  /** Set while the stage waits for the applicant (its clock is stopped). */
  @TimestampColumn({ nullable: true })
  pausedAt: Date | null;

  @BigIntColumn()
  waitingMs: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  decision: Decision | null;

  @Column({ type: 'text', nullable: true })
  rationale: string | null;

  @Column({ type: 'simple-json', nullable: true })
  conditions: string[] | null;

  @TimestampColumn({ nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @OneToMany(() => StageReviewer, (r) => r.stage)
  reviewers: Relation<StageReviewer>[];

  @OneToMany(() => Opinion, (o) => o.stage)
  opinions: Relation<Opinion>[];
}

@Entity('stage_reviewers')
export class StageReviewer {
  @PrimaryColumn('uuid')
  stageId: string;

  @PrimaryColumn('uuid')
  reviewerId: string;

  @ManyToOne(() => CaseStage, (s) => s.reviewers, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stageId' })
  stage: Relation<CaseStage>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewerId' })
  reviewer: Relation<User>;

  @TimestampColumn()
  assignedAt: Date;
}

@Entity('opinions')
@Index('UQ_opinions_stage_reviewer', ['stageId', 'reviewerId'], { unique: true })
export class Opinion extends UuidEntity {
  @Column('uuid')
  stageId: string;

  @ManyToOne(() => CaseStage, (s) => s.opinions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stageId' })
  stage: Relation<CaseStage>;

  @Column('uuid')
  reviewerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewerId' })
  reviewer: Relation<User>;

  @Column({ type: 'varchar', length: 32 })
  recommendation: Decision;

  @Column({ type: 'text' })
  comment: string;

  @TimestampColumn()
  at: Date;
}

/** A declared conflict of interest: the reviewer is recused from the case. */
@Entity('case_conflicts')
export class CaseConflict {
  @PrimaryColumn('uuid')
  caseId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => Case, (c) => c.conflicts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'caseId' })
  case: Relation<Case>;

  @Column({ type: 'varchar', length: 64 })
  committeeKey: string;

  @Column({ type: 'text' })
  reason: string;

  @TimestampColumn()
  at: Date;
}

@Entity('case_conditions')
@Index('IDX_case_conditions_case', ['caseId'])
export class CaseCondition extends UuidEntity {
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => Case, (c) => c.conditions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'caseId' })
  case: Relation<Case>;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  text: string;

  /** The committee that imposed it, or "leadership". */
  @Column({ type: 'varchar', length: 64 })
  source: string;

  @Column({ type: 'varchar', length: 16 })
  status: ConditionStatus;

  @Column({ type: 'text', nullable: true })
  waiverReason: string | null;

  @TimestampColumn({ nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedById: string | null;
}

/** The distinct partner and destination countries of a case, for the country filter and reports. */
@Entity('case_countries')
@Index('IDX_case_countries_country', ['countryCode'])
export class CaseCountry {
  @PrimaryColumn('uuid')
  caseId: string;

  @PrimaryColumn({ type: 'varchar', length: 2 })
  countryCode: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'caseId' })
  case: Relation<Case>;
}

/** Per-year counter behind readable references (IRR-2026-00042). */
@Entity('case_reference_counters')
export class CaseReferenceCounter {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  last: number;
}
