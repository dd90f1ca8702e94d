import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampColumn, UuidEntity } from '../common/columns';
import { User } from '../users/user.entity';
import type { ReportData, ReportLanguage } from './data/report-data';

/**
 * A council report as generated: an immutable snapshot of its figures. Only `published*` ever
 * changes; `sha256` covers the canonical JSON of {from, to, language, data}.
 */
@Entity('reports')
@Index('IDX_reports_published_created', ['published', 'createdAt'])
export class Report extends UuidEntity {
  /** First day of the period, 'YYYY-MM-DD' (UTC). */
  @Column({ name: 'periodFrom', type: 'varchar', length: 10 })
  from: string;

  /** Last day of the period, inclusive. */
  @Column({ name: 'periodTo', type: 'varchar', length: 10 })
  to: string;

  @Column({ type: 'varchar', length: 2 })
  language: ReportLanguage;

  @TimestampColumn()
  createdAt: Date;

  @Column('uuid')
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'createdById' })
  createdBy: Relation<User>;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'boolean' })
  published: boolean;

  @TimestampColumn({ nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  publishedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'publishedById' })
  publishedBy: Relation<User> | null;

  @Column({ type: 'simple-json' })
  data: ReportData;
}
