/** What a notification is about (docs/notifications.md has the table of who is told). */
export const NOTIFICATION_TYPES = [
  'case_submitted',
  'stage_opened',
  'reviewer_assigned',
  'information_requested',
  'information_provided',
  'case_escalated',
  'case_decided',
  'stage_overdue',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * What the text of each type may say besides the case's reference and title: only who must do what,
 * never opinions, reviewers, screening hits, rationales or the proposal's content.
 */
export interface ParamsByType {
  case_submitted: Record<string, never>;
  /** `dueAt`: ISO instant. */
  stage_opened: { committee: string; dueAt: string };
  reviewer_assigned: { committee: string };
  information_requested: Record<string, never>;
  /** `committee`: the committee that asked; null when the International Office asked at triage. */
  information_provided: { committee: string | null };
  case_escalated: Record<string, never>;
  case_decided: Record<string, never>;
  /** `reminder`: 1 on the due date, 2 five working days later, … */
  stage_overdue: { committee: string; dueAt: string; reminder: number };
}

/** The stored parameters of a notification: the case title as it was, and its type's own. */
export type NotificationParams = { title: string } & Partial<{
  committee: string | null;
  dueAt: string;
  reminder: number;
}>;

/** One example of each type's parameters: templates are rendered with exactly these at start. */
export const SAMPLE_PARAMS: { [T in NotificationType]: ParamsByType[T] } = {
  case_submitted: {},
  stage_opened: { committee: 'knowledge_security', dueAt: '2027-05-18T12:00:00.000Z' },
  reviewer_assigned: { committee: 'knowledge_security' },
  information_requested: {},
  information_provided: { committee: 'knowledge_security' },
  case_escalated: {},
  case_decided: {},
  stage_overdue: { committee: 'knowledge_security', dueAt: '2027-05-18T12:00:00.000Z', reminder: 2 },
};
