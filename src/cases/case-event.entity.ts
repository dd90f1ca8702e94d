import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampColumn, UuidEntity } from '../common/columns';
import { User } from '../users/user.entity';
import { Case } from './case.entity';

/**
 * An audit event: append-only and hash-chained per case (`hash` covers this event and the previous
 * event's hash), so a changed or deleted event is detectable. The unique (caseId, seq) also makes
 * two concurrent changes of one case collide.
 */
@Entity('case_events')
@Index('UQ_case_events_case_seq', ['caseId', 'seq'], { unique: true })
export class CaseEvent extends UuidEntity {
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'caseId' })
  case: Relation<Case>;

  @Column({ type: 'integer' })
  seq: number;

  @TimestampColumn()
  at: Date;

  /** Null for the system itself (e.g. re-screening after a list import from the command line). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actorId' })
  actor: Relation<User> | null;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  toStatus: string | null;

  /** What the applicant may read too. */
  @Column({ type: 'simple-json' })
  details: Record<string, unknown>;

  /** Opinions, reviewer identities, screening hits: never shown to the applicant. */
  @Column({ type: 'simple-json', nullable: true })
  confidentialDetails: Record<string, unknown> | null;

  /** The whole event is hidden from the applicant (an opinion, an assignment, a recusal). */
  @Column({ type: 'boolean' })
  confidential: boolean;

  /** Acting as a committee member: the applicant sees the committee, not the person. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actingForCommittee: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
