/**
 * Checks a real JSON response against the schema an OpenAPI 3.0 document declares for it. Stricter
 * than JSON Schema on purpose: a key the schema does not name is a problem unless the object
 * schema says `additionalProperties`, and a schema that says nothing about a value (no type, no
 * properties) is a problem too. So an undocumented field fails, and so does an undocumented response.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  [key: string]: unknown;
}

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** The schema documented for `status` of `method path` (path as in the document: `/api/cases/{id}`), as application/json. */
export function responseSchema(document: OpenApiDocument, method: string, path: string, status: number): Schema {
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  const response = operation.responses?.[String(status)];
  if (!response) throw new Error(`${method.toUpperCase()} ${path} documents no ${status} response`);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} ${status} has no application/json schema`);
  return schema;
}

const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
};

/** Every way `value` departs from `schema`, each as "<JSON path>: <problem>"; empty when it conforms. */
export function conformanceProblems(document: OpenApiDocument, schema: Schema, value: unknown, at = '$'): string[] {
  const s = flatten(document, schema, at);
  if (value === null)
    return s.nullable || s.enum?.includes(null) ? [] : [`${at}: null, but the schema is not nullable`];
  if (s.oneOf || s.anyOf) return alternatives(document, (s.oneOf ?? s.anyOf)!, value, at);
  if (s.enum && !s.enum.includes(value))
    return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`];
  const type = s.type ?? (s.properties || s.additionalProperties !== undefined ? 'object' : undefined);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') return [mismatch(at, type, value)];
      if (s.format && FORMATS[s.format] && !FORMATS[s.format].test(value))
        return [`${at}: ${JSON.stringify(value)} is not a ${s.format}`];
      return [];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [mismatch(at, type, value)];
    case 'integer':
      return Number.isInteger(value) ? [] : [mismatch(at, type, value)];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [mismatch(at, type, value)];
    case 'array':
      if (!Array.isArray(value)) return [mismatch(at, type, value)];
      if (!s.items) return [`${at}: the array schema documents no items`];
      return value.flatMap((item, i) => conformanceProblems(document, s.items!, item, `${at}[${i}]`));
    case 'object':
      return objectProblems(document, s, value, at);
    default:
      return [`${at}: the schema documents no type (${JSON.stringify(schema)})`];
  }
}

function objectProblems(document: OpenApiDocument, s: Schema, value: unknown, at: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [mismatch(at, 'object', value)];
  const record = value as Record<string, unknown>;
  const properties = s.properties ?? {};
  const problems = (s.required ?? [])
    .filter((key) => !(key in record))
    .map((key) => `${at}.${key}: required, but missing`);
  for (const [key, child] of Object.entries(record)) {
    if (properties[key]) problems.push(...conformanceProblems(document, properties[key], child, `${at}.${key}`));
    else if (typeof s.additionalProperties === 'object')
      problems.push(...conformanceProblems(document, s.additionalProperties, child, `${at}.${key}`));
    else if (s.additionalProperties !== true) problems.push(`${at}.${key}: not documented`);
  }
  return problems;
}

/** Conforms if one alternative fits; otherwise the problems of the closest one. */
function alternatives(document: OpenApiDocument, options: Schema[], value: unknown, at: string): string[] {
  const results = options.map((option) => conformanceProblems(document, option, value, at));
  if (results.some((r) => r.length === 0)) return [];
  return results.reduce((best, r) => (r.length < best.length ? r : best));
}

/** Resolves $ref and merges allOf into one schema (Nest writes a nullable reference as `{nullable, allOf: [{$ref}]}`). */
function flatten(document: OpenApiDocument, schema: Schema, at: string): Schema {
  let s = resolve(document, schema, at);
  if (!s.allOf) return s;
  const { allOf, ...rest } = s;
  s = rest;
  for (const part of allOf.map((p) => flatten(document, p, at))) {
    s = {
      ...part,
      ...s,
      type: s.type === 'object' || !s.type ? (part.type ?? s.type) : s.type,
      nullable: s.nullable || part.nullable,
      properties: { ...part.properties, ...s.properties },
      required: [...(part.required ?? []), ...(s.required ?? [])],
    };
  }
  return s;
}

function resolve(document: OpenApiDocument, schema: Schema, at: string): Schema {
  let s = schema;
  for (let depth = 0; s.$ref; depth++) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(s.$ref)?.[1];
    const target = name ? document.components?.schemas?.[name] : undefined;
    if (!target || depth > 20) throw new Error(`${at}: cannot resolve ${s.$ref}`);
    const { $ref: _ref, ...siblings } = s;
    s = { ...target, ...siblings };
  }
  return s;
}

const mismatch = (at: string, type: string, value: unknown) =>
  `${at}: expected ${type}, got ${Array.isArray(value) ? 'array' : typeof value} ${JSON.stringify(value)?.slice(0, 80)}`;
