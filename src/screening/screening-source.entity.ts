import { Column, Entity, Index } from 'typeorm';
import { TimestampColumn, UuidEntity } from '../common/columns';
import type { ListKind, ScreeningFormat } from './importers';

/**
 * Where a screening list is downloaded from, how often, and how its last refreshes went. A refresh
 * asks with the validators of the last download (ETag, Last-Modified) and imports only a changed file.
 */
@Entity('screening_sources')
export class ScreeningSource extends UuidEntity {
  /** The list the downloads become versions of. */
  @Index('UQ_screening_sources_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 30 })
  format: ScreeningFormat;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** Null: the format's default kind. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  kind: ListKind | null;

  @Column({ type: 'integer' })
  refreshMinutes: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  etag: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lastModified: string | null;

  @TimestampColumn()
  nextRunAt: Date;

  @TimestampColumn({ nullable: true })
  lastCheckedAt: Date | null;

  @TimestampColumn({ nullable: true })
  lastSuccessAt: Date | null;

  /** What the last successful refresh did: not modified, unchanged, or the version it imported. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  lastOutcome: string | null;

  @TimestampColumn({ nullable: true })
  lastErrorAt: Date | null;

  /** Why the last refresh failed; cleared by the next success. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @TimestampColumn()
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;
}
