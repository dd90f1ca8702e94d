import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Case } from '../cases/case.entity';
import { TimestampColumn, UuidEntity } from '../common/columns';
import { User } from '../users/user.entity';
import type { NotificationParams, NotificationType } from './notification-types';

/** One person told of one thing that happened to a case (the in-app inbox). */
@Entity('notifications')
@Index('IDX_notifications_user', ['userId', 'createdAt'])
export class Notification extends UuidEntity {
  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user: Relation<User>;

  @Column({ type: 'varchar', length: 40 })
  type: NotificationType;

  @Column('uuid')
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'caseId' })
  case: Relation<Case>;

  @Column({ type: 'varchar', length: 20 })
  caseReference: string;

  /** What the text says besides the reference (title, committee, due date), as it was then. */
  @Column({ type: 'simple-json' })
  params: NotificationParams;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  readAt: Date | null;
}
