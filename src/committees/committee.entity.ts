import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A review body. Rows, not code, so a university can rename committees or add one. */
@Entity('committees')
export class Committee {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn: string;

  @Column({ type: 'varchar', length: 200 })
  nameNl: string;

  /** Opinions needed before the chair may decide a stage. */
  @Column({ type: 'integer' })
  quorum: number;

  /** Review target, in working days (Monday-Friday), from the opening of a stage. */
  @Column({ type: 'integer' })
  reviewTargetWorkingDays: number;
}
