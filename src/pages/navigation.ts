import { Action, AppAbility, SubjectName } from '../authorization/ability';
import { Allow } from '../authorization/policy.decorators';
import { Catalogue, fill } from './i18n';

/**
 * The pages of the main navigation with the ability each needs. The route of each page declares
 * the same ability (`@AllowPage(key)`), so a person sees exactly the entries whose pages they may
 * open: one rule, read by the guard and by the navigation.
 */
export const PAGES = {
  home: { href: '/', action: 'read', subject: 'User' },
  myCases: { href: '/cases/mine', action: 'create', subject: 'Case' },
  newProposal: { href: '/cases/new', action: 'create', subject: 'Case' },
  review: { href: '/review', action: 'give_opinion', subject: 'Case' },
  triage: { href: '/triage', action: 'triage', subject: 'Case' },
  conditions: { href: '/conditions', action: 'waive_condition', subject: 'Case' },
  escalated: { href: '/escalated', action: 'leadership_decide', subject: 'Case' },
  countries: { href: '/countries', action: 'update', subject: 'Country' },
  screening: { href: '/screening', action: 'read', subject: 'ScreeningList' },
  reports: { href: '/reports', action: 'read', subject: 'Report' },
  users: { href: '/users', action: 'list', subject: 'User' },
  notifications: { href: '/notifications', action: 'read', subject: 'Notification' },
  settings: { href: '/settings', action: 'read', subject: 'User' },
  closures: { href: '/closures', action: 'update', subject: 'ClosureDay' },
  mail: { href: '/mail', action: 'list', subject: 'MailDelivery' },
  // Pages of features still to come join here, each with the ability its route declares and a
  // label and task line in i18n (nav.*, home.tasks.*). A case's documents are a section of the case page
  // (templates/pages/case.hbs), not an entry here.
} as const satisfies Record<string, { href: string; action: Action; subject: SubjectName }>;

export type PageKey = keyof typeof PAGES;

/** The route policy of a page of the navigation. */
export const AllowPage = (key: PageKey) => Allow(PAGES[key].action, PAGES[key].subject);

export interface NavEntry {
  key: PageKey;
  href: string;
  label: string;
  description: string | null;
  current: boolean;
  /** Unread notifications, beside the inbox's entry (null: nothing to show). */
  count: string | null;
}

/**
 * The entries the ability allows; `path` marks the current one (the longest matching href);
 * `unread` is shown beside the inbox's entry.
 */
export function navigationFor(ability: AppAbility, t: Catalogue, path: string, unread = 0): NavEntry[] {
  const allowed = (Object.keys(PAGES) as PageKey[]).filter((key) => ability.can(PAGES[key].action, PAGES[key].subject));
  const pathname = path.split('?')[0];
  const current = allowed
    .filter((key) => (PAGES[key].href === '/' ? pathname === '/' : pathname.startsWith(PAGES[key].href)))
    .sort((a, b) => PAGES[b].href.length - PAGES[a].href.length)[0];
  return allowed.map((key) => ({
    key,
    href: PAGES[key].href,
    label: t.nav[key],
    description: key === 'home' ? null : t.home.tasks[key],
    current: key === current,
    count: key === 'notifications' && unread > 0 ? fill(t.inbox.unreadCount, { count: unread }) : null,
  }));
}
