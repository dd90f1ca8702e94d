import { invalidInput } from '../common/common.errors';
import { Country } from '../countries/country.entity';
import { Partner } from '../domain/case.types';
import { Case } from './case.entity';
import { CaseColumns } from './actions/case-changes';
import { UpdateCaseDto } from './dto/case-input.dto';

const PROPOSAL_FIELDS = [
  'type',
  'title',
  'summary',
  'department',
  'partners',
  'destinations',
  'technologyAreas',
  'dualUse',
  'funding',
  'startDate',
  'endDate',
] as const;

/**
 * The case's proposal fields once `input` is applied, validated against the country list and
 * for dates in order; and the names of the fields the input gives.
 */
export function proposalWith(
  kase: Case,
  input: UpdateCaseDto,
  countries: ReadonlyMap<string, Country>,
): { columns: Partial<CaseColumns>; changed: string[] } {
  const given = input as Record<string, unknown>;
  const changed = Object.keys(given).filter((k) => given[k] !== undefined);
  const next = { ...kase, ...Object.fromEntries(changed.map((k) => [k, given[k]])) } as Case;
  next.partners = normalisePartners(next.partners);
  next.destinations = (next.destinations ?? []).map((d) => ({
    country: d.country.toUpperCase(),
    city: d.city ?? null,
    from: d.from,
    to: d.to,
  }));
  next.dualUse = { humanRightsConcern: false, details: null, ...next.dualUse };
  next.partners.forEach((p, i) => {
    if (!countries.has(p.country)) throw invalidInput(`partners.${i}.country must be a known ISO 3166-1 country code`);
  });
  next.destinations.forEach((d, i) => {
    if (!countries.has(d.country))
      throw invalidInput(`destinations.${i}.country must be a known ISO 3166-1 country code`);
    if (d.to < d.from) throw invalidInput(`destinations.${i}.to must not be before destinations.${i}.from`);
  });
  if (next.type === 'mobility' && next.destinations.length === 0)
    throw invalidInput('destinations must not be empty for a mobility proposal');
  if (next.startDate && next.endDate && next.endDate < next.startDate)
    throw invalidInput('endDate must not be before startDate');

  const columns: Partial<CaseColumns> = {};
  for (const key of PROPOSAL_FIELDS) Object.assign(columns, { [key]: next[key] ?? null });
  columns.title = next.title.trim();
  columns.searchText = searchText(kase.reference, columns.title, next.partners);
  return { columns, changed };
}

export function normalisePartners(partners: Partner[]): Partner[] {
  return partners.map((p) => ({ name: p.name.trim(), country: p.country.toUpperCase(), type: p.type }));
}

/** The column behind the `q` filter: reference, title and partner names, lower case. */
export function searchText(reference: string | undefined, title: string, partners: Partner[]): string {
  return [reference ?? '', title, ...partners.map((p) => p.name)].join(' | ').toLowerCase();
}
