import { EntityManager } from 'typeorm';
import { INTERNAL_KIND } from './attachment-kinds';
import { Attachment } from './attachment.entity';

/** A document as an answer's audit event names it. */
export interface AnswerDocument {
  id: string;
  kind: string;
  filename: string;
  sha256: string;
}

/**
 * The documents that come with the applicant's answer: those they uploaded since the question was
 * asked (while the case waited for them, the only time they can). The answer's audit event lists
 * them, so the history says which documents answered which question.
 */
export async function documentsSince(
  manager: EntityManager,
  kase: { id: string; applicantId: string },
  askedAt: string,
): Promise<AnswerDocument[]> {
  const since = new Date(askedAt).getTime();
  const attachments = await manager.find(Attachment, {
    where: { caseId: kase.id, uploadedById: kase.applicantId },
    order: { uploadedAt: 'ASC', id: 'ASC' },
  });
  return attachments
    .filter((a) => a.kind !== INTERNAL_KIND && new Date(a.uploadedAt).getTime() >= since)
    .map((a) => ({ id: a.id, kind: a.kind, filename: a.filename, sha256: a.sha256 }));
}
