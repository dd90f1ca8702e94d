import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../common/columns';

/** A day the university is closed (kept by the International Office): not a working day. */
@Entity('closure_days')
export class ClosureDay {
  /** YYYY-MM-DD, in the app's time zone. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 300 })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @TimestampColumn()
  updatedAt: Date;
}
