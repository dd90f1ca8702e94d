import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { CaseStage } from '../cases/case.entity';
import { TimestampColumn, UuidEntity } from '../common/columns';

/**
 * A reminder sent for an overdue stage: step 0 on the due date, step n 5·n working days later. The
 * unique index makes each step of each due date happen once, whichever instance runs the reminders.
 */
@Entity('stage_reminders')
@Index('UQ_stage_reminders_stage_due_step', ['stageId', 'dueAt', 'step'], { unique: true })
export class StageReminder extends UuidEntity {
  @Column('uuid')
  stageId: string;

  @ManyToOne(() => CaseStage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stageId' })
  stage: Relation<CaseStage>;

  /** The stage's due date the step counts from (an answer to a question moves it). */
  @TimestampColumn()
  dueAt: Date;

  @Column({ type: 'integer' })
  step: number;

  @TimestampColumn()
  sentAt: Date;
}
