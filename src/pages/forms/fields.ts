import { defaultFieldId } from './form-errors';

/** The submitted (or stored) values of a form, by field name (`partners.0.name`). */
export type FormValues = Record<string, string | string[] | undefined>;

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

/** One input as the templates' field partials render it: label, hint and error tied to the input. */
export interface Field {
  id: string;
  name: string;
  label: string;
  hint: string | null;
  error: string | null;
  required: boolean;
  /** The ids of the hint and the error, for aria-describedby (empty when there is neither). */
  describedBy: string;
}

export interface InputField extends Field {
  type: string;
  value: string;
  autocomplete: string;
}

export interface SelectField extends Field {
  options: Option[];
}

export interface CheckboxOption {
  id: string;
  value: string;
  label: string;
  checked: boolean;
}

export interface ChoiceGroup extends Field {
  /** checkbox or radio */
  type: string;
  options: CheckboxOption[];
}

export interface FieldOptions {
  hint?: string | null;
  required?: boolean;
}

/** Builds fields over one form's values and field errors. */
export class FieldBuilder {
  constructor(
    private readonly values: FormValues,
    private readonly errors: Record<string, string>,
  ) {}

  value(name: string): string {
    const value = this.values[name];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  }

  all(name: string): string[] {
    const value = this.values[name];
    return Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  }

  input(
    name: string,
    label: string,
    options: FieldOptions & { type?: string; autocomplete?: string } = {},
  ): InputField {
    return {
      ...this.base(name, label, options),
      type: options.type ?? 'text',
      value: this.value(name),
      autocomplete: options.autocomplete ?? 'off',
    };
  }

  select(
    name: string,
    label: string,
    choices: { value: string; label: string }[],
    options: FieldOptions & { placeholder?: string } = {},
  ): SelectField {
    const current = this.value(name);
    const list = choices.map((c) => ({ ...c, selected: c.value === current }));
    return {
      ...this.base(name, label, options),
      options:
        options.placeholder !== undefined
          ? [{ value: '', label: options.placeholder, selected: current === '' }, ...list]
          : list,
    };
  }

  choices(
    name: string,
    label: string,
    choices: { value: string; label: string }[],
    type: 'checkbox' | 'radio',
    options: FieldOptions = {},
  ): ChoiceGroup {
    const current = new Set(this.all(name));
    const base = this.base(name, label, options);
    return {
      ...base,
      type,
      options: choices.map((c, i) => ({
        id: `${base.id}-${i}`,
        value: c.value,
        label: c.label,
        checked: current.has(c.value),
      })),
    };
  }

  error(name: string): string | null {
    return this.errors[name] ?? null;
  }

  private base(name: string, label: string, options: FieldOptions): Field {
    const id = defaultFieldId(name);
    const hint = options.hint ?? null;
    const error = this.errors[name] ?? null;
    return {
      id,
      name,
      label,
      hint,
      error,
      required: options.required ?? false,
      describedBy: [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' '),
    };
  }
}

/** The form body as plain values: strings, or lists of strings for repeated names. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** A single string value of the form (the first of repeated ones), trimmed; '' when absent. */
export function text(values: FormValues, name: string): string {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

export function list(values: FormValues, name: string): string[] {
  const value = values[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v) => v !== '');
}
