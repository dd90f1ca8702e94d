import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppAbility } from '../authorization/ability';
import { AbilityFactory } from '../authorization/ability.factory';
import { AuthUser } from '../authorization/auth-user';
import { attachmentSubject, canReadAttachment } from '../authorization/rules/attachment-subject';
import { caseSubject } from '../authorization/rules/case-subject';
import { CaseActionRunner } from '../cases/actions/case-action-runner';
import { AuditEntry, CaseAuditTrail } from '../cases/case-audit-trail';
import { Case } from '../cases/case.entity';
import { CaseErrorCode } from '../cases/case.errors';
import { CasesRepository } from '../cases/cases.repository';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { TransactionRunner } from '../database/transaction-runner';
import { CASE_TRANSITIONS } from '../workflow/case-transitions';
import { AttachmentContentStore, ContentIntegrityError } from './attachment-content.store';
import { detectType, DetectedType } from './attachment-content';
import {
  APPLICANT_KINDS,
  AttachmentKind,
  INTERNAL_KIND,
  isAttachmentKind,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_CASE,
  uploadActionFor,
} from './attachment-kinds';
import { Attachment } from './attachment.entity';
import { AttachmentErrorCode } from './attachment.errors';
import { cleanFilename } from './filename';
import { UploadRequest } from './upload-request';
import { SpooledFile, UploadSourceError, UploadSpool } from './upload-spool';

export interface AttachmentResponse {
  id: string;
  kind: AttachmentKind;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: { id: string; name: string };
  uploadedAt: string;
}

export interface Download {
  attachment: AttachmentResponse;
  etag: string;
  /** The bytes, checked on the way; absent for a 304 or a HEAD request. */
  content: Readable | null;
  notModified: boolean;
}

/** Room for the multipart envelope around the file (boundaries, part headers, the kind field). */
const ENVELOPE_BYTES = 64 * 1024;
/**
 * An upload does not depend on the version of the case the client saw: when a concurrent change of
 * the case wins (on PostgreSQL; SQLite runs one transaction at a time), try again. A loser learns it
 * lost when the winner commits, before writing any bytes, so the uploads a browser sends at once
 * (six at most) take turns.
 */
const UPLOAD_ATTEMPTS = 10;

/**
 * Documents on a case. Everything follows the case's visibility (404 for a case or a document the
 * user may not see); adding and removing are case actions (src/workflow/case-transitions.ts) run by
 * the CaseActionRunner, so they claim the case's version and append to its audit trail in the same
 * transaction as the bytes and the metadata; downloads by anyone but the applicant are recorded in
 * the audit trail too.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesRepository,
    private readonly runner: CaseActionRunner,
    private readonly audit: CaseAuditTrail,
    private readonly abilities: AbilityFactory,
    private readonly transactions: TransactionRunner,
    private readonly content: AttachmentContentStore,
    private readonly spool: UploadSpool,
    private readonly clock: Clock,
  ) {}

  /**
   * Reads the multipart body as it arrives, after the checks that need no body (case visible, the
   * user may add documents to it in its status, room for one more, declared size): `kind`, then one
   * `file` spooled to disk (stopping at the size limit), its type read from the content, then stored.
   */
  async upload(actor: AuthUser, caseId: string, request: UploadRequest): Promise<AttachmentResponse> {
    const { kase, ability } = await this.admitUpload(actor, caseId);
    if (request.declaredLength !== null && request.declaredLength > MAX_ATTACHMENT_BYTES + ENVELOPE_BYTES)
      throw new DomainError(AttachmentErrorCode.TooLarge);
    if (!request.isMultipart) throw new DomainError(AttachmentErrorCode.MultipartMalformed);

    let kind: AttachmentKind | null = null;
    let kindSeen = false;
    let filename: string | null = null;
    let spooled: SpooledFile | null = null;
    try {
      const parts = request.parts()[Symbol.asyncIterator]();
      for (;;) {
        const next = await parts.next().catch((error: unknown) => {
          throw multipartError(error);
        });
        if (next.done) break;
        const part = next.value;
        if (part.type === 'field') {
          if (part.fieldname !== 'kind')
            throw new DomainError(
              AttachmentErrorCode.FieldUnknown,
              `Unknown form field ${JSON.stringify(part.fieldname.slice(0, 100))}: only file and kind are accepted`,
            );
          if (kindSeen) throw new DomainError(AttachmentErrorCode.FieldDuplicated, 'kind was sent more than once');
          kindSeen = true;
          if (part.valueTruncated || typeof part.value !== 'string' || !isAttachmentKind(part.value))
            throw new DomainError(AttachmentErrorCode.KindInvalid);
          kind = part.value;
          this.admitKind(ability, kase, kind);
          continue;
        }
        if (part.fieldname !== 'file')
          throw new DomainError(
            AttachmentErrorCode.FieldUnknown,
            `The file part must be named file, not ${JSON.stringify(part.fieldname.slice(0, 100))}`,
          );
        if (spooled) throw new DomainError(AttachmentErrorCode.OneFileOnly);
        filename = cleanFilename(part.filename ?? '');
        if (!filename) throw new DomainError(AttachmentErrorCode.FilenameInvalid);
        spooled = await this.spool.spool(part.file, MAX_ATTACHMENT_BYTES).catch((error: unknown) => {
          throw error instanceof UploadSourceError ? multipartError(error.cause) : error;
        });
      }
      if (!spooled) throw new DomainError(AttachmentErrorCode.FileMissing);
      if (!kind) throw new DomainError(AttachmentErrorCode.KindInvalid);
      if (spooled.size === 0) throw new DomainError(AttachmentErrorCode.FileEmpty);
      const type = await detectType(spooled.path, filename!);
      return await this.store(actor, caseId, kind, filename!, type, spooled);
    } finally {
      await spooled?.discard();
    }
  }

  async list(actor: AuthUser, caseId: string): Promise<AttachmentResponse[]> {
    const { kase, ability } = await this.findVisibleCase(actor, caseId);
    const attachments = await this.dataSource.getRepository(Attachment).find({
      where: { caseId },
      relations: { uploadedBy: true },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
    return attachments.filter((a) => ability.can('read', attachmentSubject(a, kase))).map(toResponse);
  }

  /**
   * The document's bytes, after checking them against their recorded sha256 (a mismatch is logged
   * and answered 500, never served), and recording the download in the audit trail unless the
   * applicant downloads. While streaming, the bytes are checked again: a change in between ends the
   * transfer before its last chunk.
   */
  async download(
    actor: AuthUser,
    caseId: string,
    attachmentId: string,
    options: { ifNoneMatch?: string; head?: boolean } = {},
  ): Promise<Download> {
    const { kase, attachment } = await this.findVisibleAttachment(actor, caseId, attachmentId);
    const response = toResponse(attachment);
    const etag = `"${attachment.sha256}"`;
    if (options.ifNoneMatch && etagMatches(options.ifNoneMatch, etag))
      return { attachment: response, etag, content: null, notModified: true };
    if (options.head) return { attachment: response, etag, content: null, notModified: false };

    const expected = { size: attachment.size, sha256: attachment.sha256 };
    try {
      await this.content.verify(attachment.id, expected);
    } catch (error) {
      throw this.integrityFailure(error, kase);
    }
    if (actor.id !== kase.applicantId) await this.recordDownload(actor, kase, attachment);
    const content = Readable.from(this.content.read(attachment.id, expected), { objectMode: false });
    content.on('error', (error) => this.integrityFailure(error, kase));
    return { attachment: response, etag, content, notModified: false };
  }

  /** Removes a document: only who uploaded it, only while the case is a draft. */
  async remove(actor: AuthUser, caseId: string, attachmentId: string): Promise<void> {
    await this.findVisibleAttachment(actor, caseId, attachmentId);
    const ability = this.abilities.createFor(actor);
    await this.runner.run(actor, caseId, 'remove_attachment', {}, async ({ kase, manager }) => {
      const attachment = await manager.findOne(Attachment, { where: { id: attachmentId, caseId } });
      if (!attachment || !canReadAttachment(ability, kase, attachment))
        throw new DomainError(AttachmentErrorCode.NotFound);
      if (!ability.can('delete', attachmentSubject(attachment, kase)))
        throw new DomainError(AttachmentErrorCode.NotYours);
      await this.content.remove(manager, attachment.id);
      await manager.delete(Attachment, { id: attachment.id });
      return {
        action: 'attachment_removed',
        fromStatus: kase.status,
        toStatus: kase.status,
        confidential: attachment.kind === INTERNAL_KIND,
        details: { attachment: auditDescription(attachment) },
      };
    });
  }

  /** The checks an upload can pass before its body is read; the runner repeats them in its transaction. */
  private async admitUpload(actor: AuthUser, caseId: string) {
    const { kase, ability } = await this.findVisibleCase(actor, caseId);
    const actions = (['add_attachment', 'add_internal_attachment'] as const).filter((action) =>
      ability.can(action, caseSubject(kase)),
    );
    if (actions.length === 0) throw new DomainError(CaseErrorCode.Forbidden, 'You may not add documents to this case');
    if (!actions.some((action) => CASE_TRANSITIONS[action].from.includes(kase.status)))
      throw new DomainError(
        CaseErrorCode.InvalidState,
        `Documents cannot be added while the case is ${kase.status.replace(/_/g, ' ')}`,
      );
    // The kind is not known yet: refused only when every kind this user may add now is full.
    const open = actions.filter((action) => CASE_TRANSITIONS[action].from.includes(kase.status));
    const full = await Promise.all(
      open.map(
        async (action) =>
          (await this.countOfGroup(this.dataSource.manager, caseId, action)) >= MAX_ATTACHMENTS_PER_CASE,
      ),
    );
    if (full.every(Boolean)) throw new DomainError(AttachmentErrorCode.LimitReached);
    return { kase, ability };
  }

  /**
   * The documents counted against the limit of an upload by `action`: the proposal's documents
   * and the internal ones are counted apart, so that an applicant's refusal never tells how many
   * internal documents a case has.
   */
  private countOfGroup(
    manager: EntityManager,
    caseId: string,
    action: 'add_attachment' | 'add_internal_attachment',
  ): Promise<number> {
    const kind = action === 'add_internal_attachment' ? INTERNAL_KIND : In([...APPLICANT_KINDS]);
    return manager.count(Attachment, { where: { caseId, kind } });
  }

  /** Before the file is read: may this user add a document of this kind now? */
  private admitKind(ability: AppAbility, kase: Case, kind: AttachmentKind): void {
    const action = uploadActionFor(kind);
    if (!ability.can(action, caseSubject(kase)))
      throw new DomainError(
        CaseErrorCode.Forbidden,
        kind === INTERNAL_KIND
          ? 'Only the International Office and the committees reviewing the case add internal documents'
          : `Only the applicant adds documents of kind ${kind}`,
      );
    if (!CASE_TRANSITIONS[action].from.includes(kase.status))
      throw new DomainError(
        CaseErrorCode.InvalidState,
        `Documents of kind ${kind} cannot be added while the case is ${kase.status.replace(/_/g, ' ')}`,
      );
  }

  /** Metadata, bytes and audit event in the runner's one transaction. */
  private async store(
    actor: AuthUser,
    caseId: string,
    kind: AttachmentKind,
    filename: string,
    type: DetectedType,
    spooled: SpooledFile,
  ): Promise<AttachmentResponse> {
    for (let attempt = 1; ; attempt++) {
      let stored: Attachment | null = null;
      try {
        await this.runner.run(actor, caseId, uploadActionFor(kind), {}, async ({ kase, manager, now }) => {
          if ((await this.countOfGroup(manager, caseId, uploadActionFor(kind))) >= MAX_ATTACHMENTS_PER_CASE)
            throw new DomainError(AttachmentErrorCode.LimitReached);
          const attachment = Object.assign(new Attachment(), {
            id: randomUUID(),
            caseId,
            kind,
            filename,
            contentType: type.contentType,
            size: spooled.size,
            sha256: spooled.sha256,
            uploadedById: actor.id,
            uploadedAt: now,
          } satisfies Partial<Attachment>);
          await manager.insert(Attachment, attachment);
          await this.content.write(manager, attachment.id, spooled.path);
          stored = Object.assign(attachment, { uploadedBy: { id: actor.id, name: actor.name } });
          return {
            action: 'attachment_added',
            fromStatus: kase.status,
            toStatus: kase.status,
            confidential: kind === INTERNAL_KIND,
            details: { attachment: auditDescription(attachment) },
          } satisfies AuditEntry;
        });
      } catch (error) {
        if (
          attempt < UPLOAD_ATTEMPTS &&
          error instanceof DomainError &&
          error.code === String(CaseErrorCode.StaleVersion)
        )
          continue;
        throw error;
      }
      return toResponse(stored!);
    }
  }

  /** A download, in the case's audit trail: who, when, which document (hidden from the applicant). */
  private async recordDownload(actor: AuthUser, kase: Case, attachment: Attachment): Promise<void> {
    await this.transactions.run(async (manager) => {
      const status = await lockCase(manager, kase.id);
      await this.audit.append(
        manager,
        kase.id,
        actor.id,
        {
          action: 'attachment_downloaded',
          fromStatus: status,
          toStatus: status,
          confidential: true,
          details: { attachment: auditDescription(attachment) },
        },
        this.clock.now(),
      );
    });
  }

  private integrityFailure(error: unknown, kase: Case): Error {
    if (!(error instanceof ContentIntegrityError)) return error as Error;
    this.logger.error({
      event: 'attachment_integrity_failed',
      caseId: kase.id,
      caseReference: kase.reference,
      attachmentId: error.attachmentId,
      expected: error.expected,
      actual: error.actual,
    });
    return new DomainError(AttachmentErrorCode.IntegrityFailed);
  }

  private async findVisibleCase(actor: AuthUser, caseId: string): Promise<{ kase: Case; ability: AppAbility }> {
    const kase = await this.cases.findById(caseId);
    const ability = this.abilities.createFor(actor);
    if (!kase || !ability.can('read', caseSubject(kase))) throw new DomainError(CaseErrorCode.NotFound);
    return { kase, ability };
  }

  private async findVisibleAttachment(actor: AuthUser, caseId: string, attachmentId: string) {
    const { kase, ability } = await this.findVisibleCase(actor, caseId);
    const attachment = await this.dataSource
      .getRepository(Attachment)
      .findOne({ where: { id: attachmentId, caseId }, relations: { uploadedBy: true } });
    if (!attachment || !ability.can('read', attachmentSubject(attachment, kase)))
      throw new DomainError(AttachmentErrorCode.NotFound);
    return { kase, ability, attachment };
  }
}

function toResponse(attachment: Attachment): AttachmentResponse {
  return {
    id: attachment.id,
    kind: attachment.kind,
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
    uploadedBy: { id: attachment.uploadedBy.id, name: attachment.uploadedBy.name },
    uploadedAt: new Date(attachment.uploadedAt).toISOString(),
  };
}

/** How a document is named in the audit trail. */
function auditDescription(attachment: Attachment) {
  return {
    id: attachment.id,
    kind: attachment.kind,
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
  };
}

/** `If-None-Match` holds the ETag (or `*`); weak validators compare like strong ones here. */
function etagMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * Serialises audit events of one case without changing it: on PostgreSQL the case row is locked
 * (as an action's version claim locks it), so the two never pick the same sequence number. SQLite
 * runs one transaction at a time anyway. Returns the case's status.
 */
async function lockCase(manager: EntityManager, caseId: string): Promise<string> {
  const query = manager.createQueryBuilder(Case, 'c').select(['c.id', 'c.status']).where('c.id = :caseId', { caseId });
  if (manager.connection.driver.options.type === 'postgres') query.setLock('pessimistic_write');
  const row = await query.getOne();
  if (!row) throw new DomainError(CaseErrorCode.NotFound);
  return row.status;
}

/** A refusal for a multipart body the parser could not read as one file and one kind. */
function multipartError(error: unknown): Error {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError(AttachmentErrorCode.TooLarge);
  if (code === 'FST_FILES_LIMIT') return new DomainError(AttachmentErrorCode.OneFileOnly);
  const message = error instanceof Error ? error.message : String(error);
  return new DomainError(
    AttachmentErrorCode.MultipartMalformed,
    `The body is not a well-formed multipart/form-data body with a file and a kind (${message})`,
  );
}
