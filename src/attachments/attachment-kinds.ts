/** What the applicant attaches to their proposal: part of the proposal, seen by everyone who sees the case. */
export const APPLICANT_KINDS = [
  'project_description',
  'agreement_draft',
  'partner_information',
  'export_classification',
  'other',
] as const;

/** The International Office's and the committees' own documents: never shown to the applicant. */
export const INTERNAL_KIND = 'internal';

export const ATTACHMENT_KINDS = [...APPLICANT_KINDS, INTERNAL_KIND] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const isAttachmentKind = (value: string): value is AttachmentKind =>
  (ATTACHMENT_KINDS as readonly string[]).includes(value);

/** The case action (src/workflow/case-transitions.ts) that adds a document of this kind. */
export const uploadActionFor = (kind: AttachmentKind) =>
  kind === INTERNAL_KIND ? ('add_internal_attachment' as const) : ('add_attachment' as const);

/**
 * At most this many documents of the proposal (applicant kinds) on one case, and as many internal
 * ones; at most this many bytes in one document.
 */
export const MAX_ATTACHMENTS_PER_CASE = 30;
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
