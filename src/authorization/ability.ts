import { ForcedSubject, MongoAbility, MongoQuery } from '@casl/ability';

export const ACTIONS = [
  'manage',
  'list',
  'create',
  'read',
  'update',
  // case workflow (src/workflow/case-transitions.ts)
  'submit',
  'triage',
  'request_information',
  'respond',
  'assign_reviewers',
  'give_opinion',
  'decide',
  'refer',
  'declare_conflict',
  'leadership_decide',
  'withdraw',
  'update_condition',
  'waive_condition',
  /** Resolve a screening hit of a case as a false positive or a confirmed match. */
  'decide_screening_hit',
  // documents on a case (src/attachments/): the case actions, then what may be done with one document
  'add_attachment',
  'add_internal_attachment',
  'remove_attachment',
  'delete',
  /** Opinions, reviewer identities and screening hits. */
  'read_confidential',
  'read_overdue',
  /** Council reports: make one visible to the council. */
  'publish',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = [
  'User',
  'Country',
  'CountryChange',
  'Committee',
  'Case',
  'Stage',
  'ScreeningList',
  'Report',
  'Attachment',
  'Notification',
  'ClosureDay',
  'Job',
  'MailDelivery',
  'all',
] as const;
export type SubjectName = (typeof SUBJECTS)[number];

/** A plain object checked against rule conditions, tagged with its subject name by CASL's `subject()`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CASL matches conditions on any field
export type SubjectInstance = { [K in Exclude<SubjectName, 'all'>]: ForcedSubject<K> & Record<string, any> }[Exclude<
  SubjectName,
  'all'
>];

export type AppAbility = MongoAbility<[Action, SubjectName | SubjectInstance], MongoQuery>;
