import { TECHNOLOGY_AREA_LABELS } from '../../domain/case.types';
import type { CaseType, PartnerType, TechnologyArea } from '../../domain/case.types';
import type { Region } from '../../countries/country.entity';
import type { NotableOutcome, ReportLanguage } from '../data/report-data';

/** The words of a report that stand for the data's keys, per language. Sentences and headings live in the templates. */
export interface ReportLabels {
  months: readonly string[];
  decimalSeparator: string;
  thousandsSeparator: string;
  caseTypes: Record<CaseType, string>;
  regions: Record<Region, string>;
  otherCountries: string;
  outcomes: Record<NotableOutcome, string>;
  afterEscalation: string;
  partnerTypes: Record<PartnerType, string>;
  technologyAreas: Record<TechnologyArea, string>;
  none: string;
  /** Shown for a figure that has no value (a median of no cases). */
  noValue: string;
}

const en: ReportLabels = {
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  decimalSeparator: '.',
  thousandsSeparator: ',',
  caseTypes: { partnership: 'partnership', mobility: 'mobility' },
  regions: {
    africa: 'Africa',
    asia: 'Asia',
    europe: 'Europe',
    latin_america: 'Latin America',
    middle_east: 'Middle East',
    north_america: 'North America',
    oceania: 'Oceania',
  },
  otherCountries: 'Other countries',
  outcomes: {
    approved: 'approved',
    approved_with_conditions: 'approved with conditions',
    rejected: 'rejected',
    escalated: 'escalated to leadership, not yet decided',
  },
  afterEscalation: 'after escalation to leadership',
  partnerTypes: {
    university: 'university',
    research_institute: 'research institute',
    company: 'company',
    government: 'government',
    government_security: 'government security body',
    military: 'military',
    defence_industry: 'defence industry',
    ngo: 'NGO',
    other: 'other',
  },
  technologyAreas: TECHNOLOGY_AREA_LABELS,
  none: 'none',
  noValue: '–',
};

const nl: ReportLabels = {
  months: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  decimalSeparator: ',',
  thousandsSeparator: '.',
  caseTypes: { partnership: 'partnerschap', mobility: 'mobiliteit' },
  regions: {
    africa: 'Afrika',
    asia: 'Azië',
    europe: 'Europa',
    latin_america: 'Latijns-Amerika',
    middle_east: 'Midden-Oosten',
    north_america: 'Noord-Amerika',
    oceania: 'Oceanië',
  },
  otherCountries: 'Overige landen',
  outcomes: {
    approved: 'goedgekeurd',
    approved_with_conditions: 'goedgekeurd onder voorwaarden',
    rejected: 'afgewezen',
    escalated: 'voorgelegd aan het bestuur, nog niet besloten',
  },
  afterEscalation: 'na voorlegging aan het bestuur',
  partnerTypes: {
    university: 'universiteit',
    research_institute: 'onderzoeksinstituut',
    company: 'bedrijf',
    government: 'overheid',
    government_security: 'veiligheidsdienst',
    military: 'krijgsmacht',
    defence_industry: 'defensie-industrie',
    ngo: 'ngo',
    other: 'overig',
  },
  technologyAreas: {
    advanced_semiconductors: 'geavanceerde halfgeleiders',
    artificial_intelligence: 'kunstmatige intelligentie',
    quantum: 'quantumtechnologie',
    biotechnologies: 'biotechnologie',
    advanced_connectivity: 'geavanceerde connectiviteit',
    advanced_sensing: 'geavanceerde sensoren',
    space_propulsion: 'ruimtevaart en voortstuwing',
    energy: 'energie',
    robotics_autonomous: 'robotica en autonome systemen',
    advanced_materials: 'geavanceerde materialen',
  },
  none: 'geen',
  noValue: '–',
};

export const REPORT_LABELS: Record<ReportLanguage, ReportLabels> = { en, nl };

/** A label for a key, or the key itself for one a newer version of the data knows and this one does not. */
export function label<K extends string>(labels: Record<K, string>, key: string): string {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key as K] : key;
}
