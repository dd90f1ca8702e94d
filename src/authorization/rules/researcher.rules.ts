import { INTERNAL_KIND } from '../../attachments/attachment-kinds';
import { RoleRules } from './rule-context';

/** Applicants: their own cases, whatever the status. */
export const researcherRules: RoleRules = (user, { can }) => {
  can('create', 'Case');
  can(['read', 'update', 'submit', 'respond', 'withdraw', 'update_condition'], 'Case', { applicantId: user.id });
  // The documents of their own proposals, never the internal ones; a document only by who uploaded it.
  can(['add_attachment', 'remove_attachment'], 'Case', { applicantId: user.id });
  can('read', 'Attachment', { applicantId: user.id, kind: { $ne: INTERNAL_KIND } });
  can('delete', 'Attachment', { applicantId: user.id, uploadedById: user.id });
};
