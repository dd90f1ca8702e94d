import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { CaseWorld, riskyMobility, sensitivePartnership } from '../support/case-world';
import { OpenApiDocument } from '../support/openapi-conformance';
import {
  bodyFor,
  deeplyNested,
  hostileString,
  multipartFor,
  operationsOf,
  OperationSpec,
  queryFor,
} from '../support/openapi-fuzz';
import { TestApp } from '../support/test-app';

/**
 * Property-based fuzzing from the served OpenAPI document: every operation, as every role and
 * without a token, with generated and mutated bodies, queries and path ids. Whatever is sent:
 * no 5xx, no stack trace or SQL in a body, an error code the document lists for that operation and
 * status, and nothing stored by a refused request.
 *
 * `npm test` runs a bounded number with a fixed seed; a longer run is
 * `FUZZ_RUNS=50 FUZZ_SEED=$RANDOM npm run fuzz`.
 */
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

/** Leaks of internals that must never reach a client. */
const LEAKS = [
  /\bat [\w.<>]+ \(.*:\d+:\d+\)/,
  /QueryFailedError|SQLITE_|SqliteError|syntax error at or near/i,
  /\bSELECT\b.+\bFROM\b/i,
  /node_modules/,
  /TypeError|ReferenceError|RangeError/,
];

describe('fuzzing every operation (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let document: OpenApiDocument;
  let operations: OperationSpec[];
  let ids: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
    document = (await t.http().get('/api/docs-json')).body;
    operations = operationsOf(document);
    const draft = await w.draft(sensitivePartnership());
    const inReview = await w.inReview(riskyMobility());
    ids = [draft.id, inReview.id, '00000000-0000-4000-8000-000000000000'];
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  /** Row counts of every table and the sum of case versions: unchanged by a refused request. */
  async function fingerprint(): Promise<string> {
    const dataSource = t.app.get(DataSource);
    const counts: string[] = [];
    for (const entity of dataSource.entityMetadatas) {
      if (entity.tableName === 'login_failures') continue; // a refused login records the failure, by design
      const [{ n }] = await dataSource.query(`SELECT COUNT(*) AS n FROM "${entity.tableName}"`);
      counts.push(`${entity.tableName}=${n}`);
    }
    const [{ v }] = await dataSource.query('SELECT COALESCE(SUM(version), 0) AS v FROM cases');
    return `${counts.join(',')};versions=${v}`;
  }

  const tokens = () => [
    undefined,
    'not-a-token',
    w.researcher.token,
    w.io.token,
    w.ksChair.token,
    w.ksMember.token,
    w.leadership.token,
    w.council.token,
    w.admin,
  ];

  it('never answers 5xx, never leaks internals, lists every code it answers, and stores nothing when it refuses', async () => {
    const problems: string[] = [];
    for (const operation of operations) {
      if (operation.path.startsWith('/api/docs')) continue;
      const pathParams = operation.parameters.filter((p) => p.in === 'path');
      const request = fc.record({
        token: fc.constantFrom(...tokens()),
        path: fc.record(
          Object.fromEntries(
            pathParams.map((p) => [
              p.name,
              fc.oneof(
                fc.constantFrom(...ids),
                fc.uuid(),
                fc.constantFrom('knowledge_security', 'NL', 'xx', '2026-12-25'),
                hostileString(),
              ),
            ]),
          ),
        ),
        query: queryFor(document, operation.parameters),
        body: operation.jsonBody ? bodyFor(document, operation.jsonBody) : fc.constant(undefined),
        multipart: operation.multipartBody ? multipartFor(document, operation.multipartBody) : fc.constant(undefined),
        rawBody: fc.option(fc.constantFrom('{', '{"a":', 'null', '[]', '"x"', '\u0000'), { freq: 5 }),
      });
      // Hostile bodies every operation gets, as each kind of user, besides the random ones.
      const hostileBodies = [{ a: deeplyNested(2500) }, deeplyNested(2500), { title: 'x'.repeat(200_000) }];
      const examples = [undefined, w.researcher.token, w.io.token, w.admin].flatMap((token) =>
        hostileBodies.map((body) => [
          {
            token,
            path: Object.fromEntries(pathParams.map((p) => [p.name, ids[0]])),
            query: {},
            body,
            multipart: undefined,
            rawBody: null,
          },
        ]),
      ) as [typeof request extends fc.Arbitrary<infer T> ? T : never][];
      await fc
        .assert(
          fc.asyncProperty(request, async (r) => {
            const path = operation.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
              encodeURIComponent(String(r.path[name]).slice(0, 2000)),
            );
            const before = await fingerprint();
            let call = t.http()[operation.method.toLowerCase() as 'get'](path).query(r.query);
            if (r.token) call = call.set('Authorization', `Bearer ${r.token}`);
            if (r.rawBody !== null && operation.method !== 'GET') {
              call = call.set('content-type', 'application/json').send(r.rawBody);
            } else if (r.multipart) {
              for (const [name, value] of r.multipart.fields) call = call.field(name, value);
              for (const file of r.multipart.files) call = call.attach(file.field, file.content, file.filename);
            } else if (r.body !== undefined && operation.method !== 'GET') {
              call = call.send(r.body as object);
            }
            let res: Awaited<typeof call>;
            try {
              res = await call;
            } catch (error) {
              problems.push(`${operation.method} ${path}: the request failed: ${(error as Error).message}`);
              return false;
            }
            const where = `${operation.method} ${path} as ${r.token ? r.token.slice(0, 12) : 'anonymous'}`;
            if (res.status >= 500) problems.push(`${where}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
            const text = res.text ?? '';
            for (const leak of LEAKS)
              if (leak.test(text)) problems.push(`${where}: leaks ${leak} in ${text.slice(0, 300)}`);
            // 431: Node's HTTP parser refuses an over-long request line or headers before the app sees it.
            if (res.status >= 400 && res.status < 500 && res.status !== 431) {
              const listed = operation.codes.get(res.status);
              if (!listed?.has(res.body?.code))
                problems.push(`${where}: ${res.status} ${res.body?.code} not documented`);
              if ((await fingerprint()) !== before)
                problems.push(`${where}: refused with ${res.status} but stored something`);
            }
            return problems.length === 0;
          }),
          { numRuns: RUNS_PER_OPERATION + examples.length, seed: SEED, endOnFailure: true, examples },
        )
        .catch(() => undefined);
      if (problems.length) break;
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
