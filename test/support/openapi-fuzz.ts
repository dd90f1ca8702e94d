import fc from 'fast-check';
import type { OpenApiDocument, Schema } from './openapi-conformance';

/**
 * Arbitraries for requests built from the served OpenAPI document: values that fit an operation's
 * schemas, and mutations of them that a hostile or careless client might send.
 */

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface OperationSpec {
  method: string;
  path: string;
  parameters: Parameter[];
  jsonBody?: Schema;
  multipartBody?: Schema;
  /** Error codes the document lists, per status. */
  codes: Map<number, Set<string>>;
}

export function operationsOf(document: OpenApiDocument & { paths: Record<string, Record<string, unknown>> }) {
  const operations: OperationSpec[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
      };
      const codes = new Map<number, Set<string>>();
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const code = response.content?.['application/json']?.schema?.properties?.code;
        if (code?.enum) codes.set(Number(status), new Set(code.enum as string[]));
      }
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        jsonBody: op.requestBody?.content?.['application/json']?.schema,
        multipartBody: op.requestBody?.content?.['multipart/form-data']?.schema,
        codes,
      });
    }
  }
  return operations;
}

/** Strings a hostile client tries. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE cases; --',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return process")()}}',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  '1e20',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  'ﷺ'.repeat(50),
  '\u202e\u0301e\u0301',
  'İıŞşĞğ',
  'x'.repeat(70_000),
  'word '.repeat(3000),
];

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );

/** Any JSON value, including deep and odd ones. */
export const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 3 }),
    hostileString(),
    fc.constantFrom(null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}),
    fc.constant({ __proto__: { admin: true } }),
    fc.constant(deeplyNested(3000)),
    fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  );

export function deeplyNested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) {
    s = document.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
  }
  if (s.allOf) return s.allOf.reduce<Schema>((merged, part) => ({ ...merged, ...resolve(document, part) }), {});
  return s;
}

/** A value that fits `schema` (as far as the schema says). */
export function validValue(document: OpenApiDocument, schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(document, schema);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validValue(document, a, depth + 1)));
  const type = s.type ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date') return fc.constantFrom('2026-01-05', '2027-03-01', '2025-12-31');
      if (s.format === 'date-time') return fc.constant('2026-11-29T10:00:00.000Z');
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'binary') return fc.string({ maxLength: 200 });
      return fc.string({
        minLength: Math.min((s.minLength as number | undefined) ?? 1, 5),
        maxLength: Math.min((s.maxLength as number | undefined) ?? 40, 40),
      });
    case 'integer': {
      // Small values, but inside a range that starts high (a year: 2000-2100).
      const min = (s.minimum as number | undefined) ?? -5;
      return fc.integer({ min, max: Math.min((s.maximum as number | undefined) ?? 100, Math.max(min, 0) + 1000) });
    }
    case 'number':
      return fc.double({ min: -10, max: 10, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(validValue(document, s.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of props) record[key] = validValue(document, value, depth + 1);
      return fc.record(record, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
    default:
      return anyJson();
  }
}

/** A body that fits the schema, or one mutated in a way a hostile client would. */
export function bodyFor(document: OpenApiDocument, schema: Schema): fc.Arbitrary<unknown> {
  const valid = validValue(document, schema);
  const mutated = fc
    .tuple(valid, fc.nat(), hostileString(), anyJson())
    .map(([value, pick, text, json]) => mutate(value, pick, text, json));
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: anyJson() },
  );
}

function mutate(value: unknown, pick: number, text: string, json: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return pick % 2 ? json : text;
  const object = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(object);
  const key = keys.length ? keys[pick % keys.length] : 'extra';
  switch (pick % 8) {
    case 0:
      delete object[key];
      return object;
    case 1:
      object[key] = null;
      return object;
    case 2:
      object[key] = text;
      return object;
    case 3:
      object[key] = json;
      return object;
    case 4:
      object[`unknown_${pick % 3}`] = json;
      return object;
    case 5:
      object[key] = Array.from({ length: 60 }, () => object[key]);
      return object;
    case 6:
      object[key] = deeplyNested(2500);
      return object;
    default:
      return Object.fromEntries(keys.map((k) => [k, text]));
  }
}

/** Query parameters for the operation: fitting, hostile or absent. */
export function queryFor(document: OpenApiDocument, parameters: Parameter[]): fc.Arbitrary<Record<string, string>> {
  const query = parameters.filter((p) => p.in === 'query');
  const record: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const p of query) {
    const valid = validValue(document, p.schema ?? {}).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    record[p.name] = fc.option(
      fc.oneof(valid, hostileString(), fc.constantFrom('1e20', '-1', '0', '500000000000000000', 'true', '[]')),
      { nil: undefined },
    );
  }
  return fc
    .record(record)
    .map((r) => Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => e[1] !== undefined)));
}

/** A multipart/form-data body: text fields and files, in the order they are sent. */
export interface MultipartBody {
  fields: [string, string][];
  files: { field: string; filename: string; content: Buffer }[];
}

/** File names a careless or hostile client sends: fitting, without extension, with folders or bidi tricks. */
const FILENAMES = ['x.csv', 'notes.txt', 'x.pdf', 'x.docx', 'x', '../../x.exe', '\u202etxt.exe', 'a\u0000b.txt', ''];

/**
 * A multipart body from the schema: each text field with a fitting or hostile value, or left out;
 * no file, one, or two, under the schema's file field or another name; contents text or binary.
 */
export function multipartFor(document: OpenApiDocument, schema: Schema): fc.Arbitrary<MultipartBody> {
  const properties = Object.entries(resolve(document, schema).properties ?? {});
  const fileFields = properties.filter(([, p]) => resolve(document, p).format === 'binary').map(([name]) => name);
  const textFields = properties.filter(([name]) => !fileFields.includes(name));
  const text = fc.tuple(
    ...textFields.map(([name, property]) =>
      fc
        .option(
          fc.oneof(
            {
              weight: 3,
              arbitrary: validValue(document, property).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
            },
            { weight: 1, arbitrary: hostileString() },
          ),
          { nil: undefined, freq: 6 },
        )
        .map((value): [string, string][] => (value === undefined ? [] : [[name, value]])),
    ),
  );
  const file = fc.record({
    field: fc.constantFrom(...fileFields, 'document'),
    filename: fc.constantFrom(...FILENAMES),
    content: fc.oneof(
      fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    ),
  });
  return fc
    .record({
      text,
      extra: fc.option(fc.tuple(fc.constantFrom('extra', textFields[0]?.[0] ?? 'extra'), hostileString()), { freq: 4 }),
      files: fc.oneof(
        { weight: 4, arbitrary: file.map((f) => [{ ...f, field: fileFields[0] ?? f.field }]) },
        { weight: 1, arbitrary: fc.array(file, { maxLength: 2 }) },
      ),
    })
    .map(({ text, extra, files }) => ({ fields: [...text.flat(), ...(extra ? [extra] : [])], files }));
}
