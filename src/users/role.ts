export const ROLES = ['researcher', 'reviewer', 'international_office', 'leadership', 'council', 'admin'] as const;
export type Role = (typeof ROLES)[number];
