import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampColumn, UuidEntity } from '../common/columns';
import type { HitDecision } from '../domain/case.types';
import { User } from '../users/user.entity';
import { Case } from './case.entity';

/**
 * A decision on a screening hit of a case, kept per (case partner, listed entry): re-screening reads
 * it so that a hit found to be another organisation is not raised again until its list entry changes.
 */
@Entity('screening_hit_decisions')
@Index('UQ_screening_hit_decisions_case_hit', ['caseId', 'hitId'], { unique: true })
@Index('IDX_screening_hit_decisions_case', ['caseId', 'partnerName'])
export class ScreeningHitDecisionRecord extends UuidEntity {
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'caseId' })
  case: Relation<Case>;

  @Column('uuid')
  hitId: string;

  @Column({ type: 'varchar', length: 300 })
  partnerName: string;

  /**
   * The list, the entry's id on it and the checksum of the entry's contents when decided; null when the
   * entry was replaced by a new import while the hit was being screened (such a decision clears nothing).
   */
  @Column({ type: 'uuid', nullable: true })
  listId: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entryChecksum: string | null;

  @Column({ type: 'varchar', length: 20 })
  decision: HitDecision;

  @Column({ type: 'text' })
  reason: string;

  @Column('uuid')
  decidedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decidedById' })
  decidedBy: Relation<User>;

  @TimestampColumn()
  decidedAt: Date;
}
