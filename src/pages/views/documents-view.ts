import { AppAbility } from '../../authorization/ability';
import { attachmentSubject } from '../../authorization/rules/attachment-subject';
import { APPLICANT_KINDS, INTERNAL_KIND } from '../../attachments/attachment-kinds';
import type { AttachmentResponse } from '../../attachments/attachments.service';
import { CaseResponse } from '../../cases/case-response.mapper';
import { FieldBuilder } from '../forms/fields';
import { PageFormat } from '../format';
import { Catalogue, fill } from '../i18n';
import { CaseActions } from './case-actions';
import type { FailedForm } from './case-view';

/** The name of the upload form, and of a document's remove form, among the case page's forms. */
export const UPLOAD_FORM = 'documents';
export const removeForm = (attachmentId: string) => `remove:${attachmentId}`;

export interface DocumentsInput {
  t: Catalogue;
  format: PageFormat;
  ability: AppAbility;
  actions: CaseActions;
  kase: CaseResponse;
  /** What the attachments service lists for this viewer (already narrowed by the attachment rules). */
  documents: AttachmentResponse[];
  csrf: string;
  failed: FailedForm | null;
}

/**
 * The documents section of the case page: the documents the service lists for the viewer, the
 * kinds they may add now (their abilities and the transition table, as the service decides), and
 * a remove button where the rules let them remove (their own, while the case is a draft).
 */
export function buildDocumentsView(input: DocumentsInput) {
  const { t, format, ability, actions, kase, failed } = input;
  const d = t.documents;
  const kindLabel = (kind: string) => (d.kinds as Record<string, string>)[kind] ?? kind;
  const kinds: string[] = [
    ...(actions.can('add_attachment') ? APPLICANT_KINDS : []),
    ...(actions.can('add_internal_attachment') ? [INTERNAL_KIND] : []),
  ];
  const mayRemove = actions.can('remove_attachment');
  const uploadFailed = failed?.form === UPLOAD_FORM ? failed : null;
  const fields = new FieldBuilder(
    uploadFailed?.values ?? (kinds.length === 1 ? { kind: kinds[0] } : {}),
    uploadFailed?.errors.fields ?? {},
  );
  const items = input.documents.map((doc) => {
    const removable =
      mayRemove &&
      ability.can(
        'delete',
        attachmentSubject({ kind: doc.kind, uploadedById: doc.uploadedBy.id }, { applicantId: kase.applicant.id }),
      );
    const removeFailed = failed?.form === removeForm(doc.id) ? failed.errors : null;
    return {
      id: doc.id,
      name: doc.filename,
      kind: kindLabel(doc.kind),
      internal: doc.kind === INTERNAL_KIND,
      size: format.size(doc.size),
      uploadedBy: doc.uploadedBy.name,
      uploadedAt: format.dateTime(doc.uploadedAt),
      href: `/api/cases/${kase.id}/attachments/${doc.id}`,
      downloadLabel: fill(d.download, { name: doc.filename }),
      remove: removable
        ? { action: `/cases/${kase.id}/documents/${doc.id}/remove`, label: fill(d.removeLabel, { name: doc.filename }) }
        : null,
      errors: removeFailed,
    };
  });
  const upload = kinds.length
    ? {
        // A multipart form: its CSRF token goes in the URL (the service refuses any field but kind and file).
        action: `/cases/${kase.id}/documents?_csrf=${encodeURIComponent(input.csrf)}`,
        errors: uploadFailed?.errors ?? null,
        kind: fields.select(
          'kind',
          d.kindField,
          kinds.map((k) => ({ value: k, label: kindLabel(k) })),
          kinds.length > 1 ? { placeholder: t.proposal.choose, required: true } : { required: true },
        ),
        file: { ...fields.input('file', d.file, { type: 'file', hint: d.uploadHint, required: true }) },
      }
    : null;
  const placed = [...(upload ? [UPLOAD_FORM] : []), ...items.filter((i) => i.remove).map((i) => removeForm(i.id))];
  return { view: { items, upload, anyRemovable: items.some((i) => i.remove !== null) }, placed };
}
