import { subject } from '@casl/ability';
import type { AppAbility } from '../ability';
import { caseSubject } from './case-subject';

type CaseFacts = Parameters<typeof caseSubject>[0];

/** The facts about a document that attachment rules look at: its kind, its uploader and whose case it is on. */
export function attachmentSubject(
  attachment: { kind: string; uploadedById: string },
  kase: Pick<CaseFacts, 'applicantId'>,
) {
  return subject('Attachment', {
    kind: attachment.kind,
    uploadedById: attachment.uploadedById,
    applicantId: kase.applicantId,
  });
}

/**
 * A document is visible to whoever may read its case (the case's own rules: committees, recusals,
 * drafts, ...) and whose attachment rules allow its kind. Attachment rules never widen what the case
 * rules allow; they only narrow it (the applicant never sees internal documents).
 */
export function canReadAttachment(
  ability: AppAbility,
  kase: CaseFacts,
  attachment: { kind: string; uploadedById: string },
): boolean {
  return ability.can('read', caseSubject(kase)) && ability.can('read', attachmentSubject(attachment, kase));
}
