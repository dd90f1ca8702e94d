import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampColumn, UuidEntity } from '../common/columns';
import type { EntityType, ListKind } from './importers';

/** A screening list (e.g. "OFAC SDN"): its current version is the one in force. */
@Entity('screening_lists')
export class ScreeningList extends UuidEntity {
  @Index('UQ_screening_lists_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Legal designation (sanctions, export_control) or an assessment (e.g. ASPI's tracker). */
  @Column({ type: 'varchar', length: 20 })
  kind: ListKind;

  @Column({ type: 'varchar', length: 30 })
  format: string;

  @Column({ type: 'uuid', nullable: true })
  currentVersionId: string | null;

  @CreateDateColumn()
  createdAt: Date;
}

/** One import of a list: where it came from, its checksum and counts, and what changed. */
@Entity('screening_list_versions')
@Index('IDX_screening_list_versions_list', ['listId', 'version'])
export class ScreeningListVersion extends UuidEntity {
  @Column('uuid')
  listId: string;

  @ManyToOne(() => ScreeningList, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listId' })
  list: Relation<ScreeningList>;

  @Column({ type: 'integer' })
  version: number;

  @TimestampColumn()
  importedAt: Date;

  /** Null when imported from the command line. */
  @Column({ type: 'uuid', nullable: true })
  importedById: string | null;

  @Column({ type: 'varchar', length: 500 })
  source: string;

  /** sha256 of the imported bytes. */
  @Column({ type: 'varchar', length: 64 })
  checksum: string;

  @Column({ type: 'integer' })
  entries: number;

  @Column({ type: 'integer' })
  aliases: number;

  @Column({ type: 'integer' })
  added: number;

  @Column({ type: 'integer' })
  removed: number;

  /** Names of added and removed entries (at most 100 of each). */
  @Column({ type: 'simple-json' })
  changes: { added: string[]; removed: string[] };
}

/**
 * Sorts before every entry id, to start reading entries in pages by id: the nil UUID, which PostgreSQL's
 * uuid column accepts (an empty string it refuses) and which randomUUID (version 4) never produces.
 */
export const BEFORE_ANY_ID = '00000000-0000-0000-0000-000000000000';

/** An entry of the version in force of its list. */
@Entity('screening_entries')
@Index('UQ_screening_entries_list_external', ['listId', 'externalId'], { unique: true })
export class ScreeningEntry extends UuidEntity {
  @Column('uuid')
  listId: string;

  @ManyToOne(() => ScreeningList, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'listId' })
  list: Relation<ScreeningList>;

  @Column({ type: 'varchar', length: 300 })
  externalId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'simple-json' })
  aliases: string[];

  @Column({ type: 'simple-json' })
  countries: string[];

  @Column({ type: 'varchar', length: 20 })
  entityType: EntityType;

  @Column({ type: 'simple-json' })
  programs: string[];
}
