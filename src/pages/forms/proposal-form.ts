import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CaseResponse } from '../../cases/case-response.mapper';
import { CreateCaseDto } from '../../cases/dto/case-input.dto';
import { CASE_TYPES, FUNDING_TYPES, PARTNER_TYPES, TECHNOLOGY_AREAS } from '../../domain/case.types';
import { Catalogue, fill } from '../i18n';
import { FieldBuilder, FormValues, list, text } from './fields';
import { fieldErrorsOf } from './form-errors';

const MAX_ROWS = 50;
const ANNEX_CATEGORIES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

type RowGroup = 'partners' | 'destinations' | 'funding';
const ROW_FIELDS: Record<RowGroup, string[]> = {
  partners: ['name', 'country', 'type'],
  destinations: ['country', 'city', 'from', 'to'],
  funding: ['source', 'type'],
};

/**
 * The proposal as the form submits it, in the shape of the API's body; rows left empty are
 * dropped, and `rowOf` maps each kept row back to its row on the form (for field errors).
 */
export function proposalFromForm(values: FormValues): {
  input: Record<string, unknown>;
  rowOf: Record<RowGroup, number[]>;
} {
  const rowOf: Record<RowGroup, number[]> = { partners: [], destinations: [], funding: [] };
  const rows = (group: RowGroup) => {
    const kept: Record<string, string>[] = [];
    for (let i = 0; i < MAX_ROWS; i++) {
      const row = Object.fromEntries(ROW_FIELDS[group].map((f) => [f, text(values, `${group}.${i}.${f}`)]));
      if (Object.values(row).every((v) => v === '')) continue;
      kept.push(row);
      rowOf[group].push(i);
    }
    return kept;
  };
  const orNull = (value: string) => (value === '' ? null : value);
  const yes = (name: string) => text(values, name) === 'yes';
  const input = {
    type: orNull(text(values, 'type')) ?? undefined,
    title: text(values, 'title'),
    summary: text(values, 'summary'),
    department: orNull(text(values, 'department')),
    partners: rows('partners'),
    destinations: rows('destinations').map((d) => ({ ...d, city: orNull(d.city) })),
    technologyAreas: list(values, 'technologyAreas'),
    dualUse: {
      annexICategories: list(values, 'dualUse.annexICategories').map(Number),
      militaryEndUse: yes('dualUse.militaryEndUse'),
      misusePotential: yes('dualUse.misusePotential'),
      humanRightsConcern: yes('dualUse.humanRightsConcern'),
      details: orNull(text(values, 'dualUse.details')),
    },
    funding: rows('funding'),
    startDate: orNull(text(values, 'startDate')),
    endDate: orNull(text(values, 'endDate')),
  };
  return { input, rowOf };
}

/** Validates like the API does (the same DTO); field errors keyed by the form's field names. */
export async function validateProposal(
  t: Catalogue,
  input: Record<string, unknown>,
  rowOf: Record<RowGroup, number[]>,
): Promise<Record<string, string>> {
  const dto = plainToInstance(CreateCaseDto, input);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  const fields = toFormPaths(fieldErrorsOf(t, errors), rowOf);
  if (fields.partners) fields.partners = t.validation.partnerRequired;
  return fields;
}

/** `partners.1.name` of the body is `partners.3.name` on the form when rows 1 and 2 were empty. */
export function toFormPaths(fields: Record<string, string>, rowOf: Record<RowGroup, number[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([path, message]) => {
      const match = /^(partners|destinations|funding)\.(\d+)(\..*)?$/.exec(path);
      if (!match) return [path, message];
      const row = rowOf[match[1] as RowGroup][Number(match[2])] ?? Number(match[2]);
      return [`${match[1]}.${row}${match[3] ?? ''}`, message];
    }),
  );
}

/** A stored case as form values, to edit it. */
export function formValuesOf(kase: CaseResponse): FormValues {
  const values: FormValues = {
    type: kase.type,
    title: kase.title,
    summary: kase.summary,
    department: kase.department ?? '',
    technologyAreas: kase.technologyAreas,
    'dualUse.annexICategories': kase.dualUse.annexICategories.map(String),
    'dualUse.militaryEndUse': kase.dualUse.militaryEndUse ? 'yes' : 'no',
    'dualUse.misusePotential': kase.dualUse.misusePotential ? 'yes' : 'no',
    'dualUse.humanRightsConcern': kase.dualUse.humanRightsConcern ? 'yes' : 'no',
    'dualUse.details': kase.dualUse.details ?? '',
    startDate: kase.startDate ?? '',
    endDate: kase.endDate ?? '',
  };
  kase.partners.forEach((p, i) =>
    Object.assign(values, {
      [`partners.${i}.name`]: p.name,
      [`partners.${i}.country`]: p.country,
      [`partners.${i}.type`]: p.type,
    }),
  );
  kase.destinations.forEach((d, i) =>
    Object.assign(values, {
      [`destinations.${i}.country`]: d.country,
      [`destinations.${i}.city`]: d.city ?? '',
      [`destinations.${i}.from`]: d.from,
      [`destinations.${i}.to`]: d.to,
    }),
  );
  kase.funding.forEach((f, i) =>
    Object.assign(values, { [`funding.${i}.source`]: f.source, [`funding.${i}.type`]: f.type }),
  );
  return values;
}

/** How many rows of a group the form shows: every row that has a value, at least one, plus `extra`. */
function rowCount(values: FormValues, group: RowGroup, extra: number): number {
  let last = -1;
  for (const key of Object.keys(values)) {
    const match = new RegExp(`^${group}\\.(\\d+)\\.`).exec(key);
    if (match && values[key] !== '') last = Math.max(last, Number(match[1]));
  }
  return Math.min(MAX_ROWS, Math.max(last + 1 + extra, 1));
}

export interface CountryOption {
  value: string;
  label: string;
}

/** The view of the proposal form: every field with its label, explanation, value and error. */
export function proposalFormView(
  t: Catalogue,
  values: FormValues,
  errors: Record<string, string>,
  countries: CountryOption[],
  addRow: string | null = null,
) {
  const f = new FieldBuilder(values, errors);
  const p = t.proposal;
  const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
    keys.map((k) => ({ value: k, label: labels[k] }));
  const yesNo = [
    { value: 'no', label: t.app.no },
    { value: 'yes', label: t.app.yes },
  ];
  const withDefault = (name: string) => (values[name] === undefined ? { ...values, [name]: 'no' } : values);
  const yesNoField = (name: string, label: string) =>
    new FieldBuilder(withDefault(name), errors).choices(name, label, yesNo, 'radio');
  const rows = (group: RowGroup) =>
    Array.from({ length: rowCount(values, group, addRow === group ? 1 : 0) }, (_, i) => i);
  return {
    type: f.choices('type', p.type, options(CASE_TYPES, t.caseType), 'radio', { hint: p.typeHint, required: true }),
    title: f.input('title', p.title, { hint: p.titleHint, required: true }),
    summary: f.input('summary', p.summary, { hint: p.summaryHint, required: true }),
    department: f.input('department', p.department, { autocomplete: 'organization' }),
    startDate: f.input('startDate', p.startDate, { type: 'date' }),
    endDate: f.input('endDate', p.endDate, { type: 'date' }),
    partnersError: f.error('partners'),
    partners: rows('partners').map((i) => ({
      legend: fill(p.partner, { n: i + 1 }),
      name: f.input(`partners.${i}.name`, p.partnerName, { required: i === 0 }),
      country: f.select(`partners.${i}.country`, p.partnerCountry, countries, {
        placeholder: p.choose,
        required: i === 0,
      }),
      type: f.select(`partners.${i}.type`, p.partnerType, options(PARTNER_TYPES, t.partnerType), {
        placeholder: p.choose,
        required: i === 0,
      }),
    })),
    destinationsError: f.error('destinations'),
    destinations: rows('destinations').map((i) => ({
      legend: fill(p.destination, { n: i + 1 }),
      country: f.select(`destinations.${i}.country`, p.destinationCountry, countries, { placeholder: p.choose }),
      city: f.input(`destinations.${i}.city`, p.destinationCity),
      from: f.input(`destinations.${i}.from`, p.destinationFrom, { type: 'date' }),
      to: f.input(`destinations.${i}.to`, p.destinationTo, { type: 'date' }),
    })),
    technologyAreas: f.choices(
      'technologyAreas',
      p.technology,
      options(TECHNOLOGY_AREAS, t.technologyArea),
      'checkbox',
      { hint: p.technologyHint },
    ),
    annexI: f.choices('dualUse.annexICategories', p.annexI, options(ANNEX_CATEGORIES, p.annex), 'checkbox', {
      hint: p.annexIHint,
    }),
    militaryEndUse: yesNoField('dualUse.militaryEndUse', p.militaryEndUse),
    misusePotential: yesNoField('dualUse.misusePotential', p.misusePotential),
    humanRightsConcern: yesNoField('dualUse.humanRightsConcern', p.humanRightsConcern),
    dualUseDetails: f.input('dualUse.details', p.dualUseDetails, { hint: p.dualUseDetailsHint }),
    funding: rows('funding').map((i) => ({
      legend: fill(p.funder, { n: i + 1 }),
      source: f.input(`funding.${i}.source`, p.fundingSource),
      type: f.select(`funding.${i}.type`, p.fundingType, options(FUNDING_TYPES, t.fundingType), {
        placeholder: p.choose,
      }),
    })),
  };
}
