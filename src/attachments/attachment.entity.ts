import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Case } from '../cases/case.entity';
import { TimestampColumn, UuidEntity } from '../common/columns';
import { User } from '../users/user.entity';
import type { AttachmentKind } from './attachment-kinds';

/**
 * A document on a case: its metadata. The bytes live in `attachment_chunks` (see
 * AttachmentContentStore), written in the same transaction; `size` and `sha256` are checked
 * whenever they are read back.
 */
@Entity('attachments')
@Index('IDX_attachments_case', ['caseId', 'uploadedAt'])
export class Attachment extends UuidEntity {
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'caseId' })
  case: Relation<Case>;

  @Column({ type: 'varchar', length: 32 })
  kind: AttachmentKind;

  /** Cleaned (src/attachments/filename.ts): no folders, no control characters, at most 200 characters. */
  @Column({ type: 'varchar', length: 255 })
  filename: string;

  /** As detected from the content, not as declared by the client. */
  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column('uuid')
  uploadedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploadedById' })
  uploadedBy: Relation<User>;

  @TimestampColumn()
  uploadedAt: Date;
}
