export const REGIONS = [
  'africa',
  'asia',
  'europe',
  'latin_america',
  'middle_east',
  'north_america',
  'oceania',
] as const;
export type Region = (typeof REGIONS)[number];

export const SECURITY_RISKS = ['low', 'medium', 'high', 'very_high'] as const;
export type SecurityRisk = (typeof SECURITY_RISKS)[number];
