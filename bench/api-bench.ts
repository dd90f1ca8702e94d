// The most used reads (the case list, a case) and one write, under load, beside a plain node:http
// server that answers the very same bytes from memory: how close to what Node itself can serve is
// the API?
//
//   npm run bench:api -- [--cases 3000] [--duration 3] [--connections 50] [--rounds 1]
//                        [--database postgres://...] [--seed api|bulk] [--writes 400]
//                        [--cpu-prof DIR] [--json FILE] [--keep] [--read-cache-mb N] [--strict]
//
// The server is the real one (`dist/src/main.js`, NODE_ENV=production) in a child process, on a
// fresh SQLite file in a temp dir, or on `--database` (a throw-away PostgreSQL database: the
// benchmark empties it first). Its data is made through the API (`--seed api`, the default up to
// 5,000 cases: every case is created, submitted, triaged, reviewed and decided as people would),
// or, for more cases (`--seed bulk`), a few hundred cases made through the API are cloned row by
// row with new ids, references, titles and dates into the database directly.
//
// Then, for each call, autocannon loads the server for `--duration` seconds (after a one-second
// warm-up), and right after it a plain node:http server (another child process) that answers the
// same status, headers and body bytes as the server did for that call. Printed per call: req/s,
// p50 and p99 latency of both, the ratio of the two req/s, and the server's peak resident memory.
// The write (submit a draft, 8 connections) uses drafts made beforehand, one per request.
// `--read-cache-mb 0` starts the server with READ_CACHE_MB=0: every answer is made afresh, as when
// something is committed between any two reads (the user behind the token is still kept; by
// default a repeated read while nothing was committed is answered from the kept answers).
// `--rounds N` repeats the measurements and prints the medians.
// At the end the targets (see checkTargets) are printed as met or missed; timings on a shared
// machine drift, so a missed one fails the run (exit code 1) only with `--strict`. `--cpu-prof DIR` starts the server
// with `node --cpu-prof` and leaves the profile in DIR.
process.env.TZ = 'UTC';

import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, OutgoingHttpHeaders } from 'node:http';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { CaseEvent } from '../src/cases/case-event.entity';
import {
  Case,
  CaseCondition,
  CaseConflict,
  CaseCountry,
  CaseReferenceCounter,
  CaseStage,
  Opinion,
  StageReviewer,
} from '../src/cases/case.entity';
import { searchText } from '../src/cases/proposal';
import { databaseOptions } from '../src/database/database-options';
import { seededRandom } from './support/seeded-random';
import { SERVER_NODE_FLAGS } from './support/server-node-flags';

const ROOT = join(__dirname, '..', '..');
/** Another checkout's build to measure instead (a before/after comparison on the same data). */
const SERVER_ROOT = process.argv.includes('--server-root')
  ? process.argv[process.argv.indexOf('--server-root') + 1]
  : ROOT;

// ---------------------------------------------------------------------------------------------
// The plain server: `node api-bench.js --serve-plain FILE` answers every request for a known path
// with the recorded status, headers and body.

interface Recorded {
  status: number;
  headers: OutgoingHttpHeaders;
  body: string; // base64
}

/** The same path answers differently for different users; every write answers alike. */
const answerKey = (method: string, path: string, authorization = '') =>
  method === 'POST' ? 'POST *' : `${method} ${path} ${authorization}`;

function servePlain(file: string): void {
  const answers = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Recorded>;
  const ready = new Map(
    Object.entries(answers).map(([key, a]) => [key, { ...a, bytes: Buffer.from(a.body, 'base64') }]),
  );
  const server = createServer((req, res) => {
    const answer = ready.get(answerKey(req.method!, req.url!, req.headers.authorization));
    req.resume();
    req.on('end', () => {
      if (!answer) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.bytes.length });
      res.end(answer.bytes);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
  process.on('disconnect', () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// Options

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const numberOption = (name: string, fallback: number) => Number(option(name) ?? fallback);

const CASES = numberOption('cases', 3000);
const DURATION = numberOption('duration', 3);
const CONNECTIONS = numberOption('connections', 50);
const WRITE_CONNECTIONS = 8;
const ROUNDS = numberOption('rounds', 1);
const WRITES = numberOption('writes', 400);
const DATABASE = option('database');
const SEED = (option('seed') ?? (CASES > 5000 ? 'bulk' : 'api')) as 'api' | 'bulk';
const PROTOTYPES = Math.min(CASES, numberOption('prototypes', 400));
const CPU_PROF = option('cpu-prof');
const JSON_OUT = option('json');
const KEEP = args.includes('--keep');
const READ_CACHE_MB = option('read-cache-mb');
const STRICT = args.includes('--strict');
const PASSWORD = 'bench-password-123';

// ---------------------------------------------------------------------------------------------
// The server under test

interface Server {
  process: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createTcpServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const flags = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...flags, join(SERVER_ROOT, 'dist', 'src', 'main.js')], {
    cwd: SERVER_ROOT,
    env: {
      ...process.env,
      ...env,
      ...(READ_CACHE_MB === undefined ? {} : { READ_CACHE_MB }),
      PORT: String(port),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} at start`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (attempt > 600) throw new Error('the server did not become healthy within 60 s');
    await sleep(100);
  }
  return {
    process: child,
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function startPlain(answers: Record<string, Recorded>, dir: string): Promise<{ url: string; child: ChildProcess }> {
  const file = join(dir, 'plain-answers.json');
  writeFileSync(file, JSON.stringify(answers));
  const child = spawn(process.execPath, [__filename, '--serve-plain', file], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (m: { port: number }) => resolve({ url: `http://127.0.0.1:${m.port}`, child }));
  });
}

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// A small API client

class Api {
  constructor(readonly url: string) {}

  async call(method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${this.url}/api${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Json) : null };
  }

  async ok(method: string, path: string, token?: string, body?: unknown): Promise<Json> {
    const res = await this.call(method, path, token, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.json!;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of the API
type Json = Record<string, any>;

/** Runs `work` for 0..count-1, `concurrency` at a time. */
async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// People and cases

interface Person {
  id: string;
  email: string;
  token: string;
}

interface People {
  io: Person;
  leadership: Person;
  chairs: Record<Committee, Person>;
  members: Record<Committee, Person[]>;
  researchers: Person[];
}

type Committee = 'knowledge_security' | 'dual_use_ethics' | 'risk_destinations';
const COMMITTEES: Committee[] = ['knowledge_security', 'dual_use_ethics', 'risk_destinations'];
const RESEARCHERS = 40;

async function makePeople(api: Api, admin: string): Promise<People> {
  let n = 0;
  const person = async (roles: string[], committees?: { committee: Committee; chair: boolean }[]) => {
    const email = `${roles[0]}-${++n}@bench.example`;
    const user = await api.ok('POST', '/users', admin, {
      email,
      name: `${roles[0].replace('_', ' ')} ${n}`,
      password: PASSWORD,
      department: 'Faculty of Science',
      roles,
      committees,
    });
    const { accessToken } = await api.ok('POST', '/auth/login', undefined, { email, password: PASSWORD });
    return { id: user.id as string, email, token: accessToken as string };
  };
  const io = await person(['international_office']);
  const leadership = await person(['leadership']);
  const chairs = {} as Record<Committee, Person>;
  const members = {} as Record<Committee, Person[]>;
  for (const committee of COMMITTEES) {
    chairs[committee] = await person(['reviewer'], [{ committee, chair: true }]);
    members[committee] = [
      await person(['reviewer'], [{ committee, chair: false }]),
      await person(['reviewer'], [{ committee, chair: false }]),
    ];
  }
  const researchers: Person[] = [];
  for (let i = 0; i < RESEARCHERS; i++) researchers.push(await person(['researcher']));
  return { io, leadership, chairs, members, researchers };
}

const { next: rnd, pick } = seededRandom(7);

const BENIGN_PARTNERS: [string, string][] = [
  ['Technische Universität München', 'DE'],
  ['Universiteit Gent', 'BE'],
  ['University of Toronto', 'CA'],
  ['Kyoto University', 'JP'],
  ['Universidade de São Paulo', 'BR'],
  ['University of Cape Town', 'ZA'],
  ['Politecnico di Milano', 'IT'],
  ['Universitat Politècnica de Catalunya', 'ES'],
  ['University of Melbourne', 'AU'],
  ['Sorbonne Université', 'FR'],
  ['Karolinska Institutet', 'SE'],
  ['ETH Zürich', 'CH'],
];
const SENSITIVE_PARTNERS: [string, string][] = [
  ['Harbin Institute of Technology', 'CN'],
  ['Beijing Institute of Technology', 'CN'],
  ['Northwestern Polytechnical University', 'CN'],
  ['Sharif University of Technology', 'IR'],
  ['Bauman Moscow State Technical University', 'RU'],
];
const TOPICS = [
  'river delta hydrology',
  'machine learning for radar signal processing',
  'quantum sensing',
  'battery materials',
  'coastal ecology',
  'medieval manuscripts',
  'urban water networks',
  'satellite navigation',
  'protein folding',
  'public health surveillance',
];

type Template = 'benign' | 'sensitive' | 'mobility' | 'military';
type Outcome =
  | 'draft'
  | 'triage'
  | 'information_requested'
  | 'cleared'
  | 'in_review'
  | 'approved'
  | 'approved_with_conditions'
  | 'rejected'
  | 'escalated'
  | 'leadership_decided'
  | 'withdrawn';

/** Roughly what a year of proposals looks like: most are cleared or approved, some are still open. */
function planCase(): { template: Template; outcome: Outcome; conflict: boolean } {
  const r = rnd();
  const outcome: Outcome =
    r < 0.05
      ? 'draft'
      : r < 0.1
        ? 'triage'
        : r < 0.13
          ? 'information_requested'
          : r < 0.38
            ? 'cleared'
            : r < 0.5
              ? 'in_review'
              : r < 0.72
                ? 'approved'
                : r < 0.84
                  ? 'approved_with_conditions'
                  : r < 0.91
                    ? 'rejected'
                    : r < 0.93
                      ? 'escalated'
                      : r < 0.95
                        ? 'leadership_decided'
                        : 'withdrawn';
  const template: Template =
    outcome === 'cleared'
      ? 'benign'
      : ['draft', 'triage', 'withdrawn', 'information_requested'].includes(outcome)
        ? pick(['benign', 'sensitive', 'mobility', 'military'] as const)
        : pick(['sensitive', 'sensitive', 'mobility', 'military'] as const);
  return { template, outcome, conflict: rnd() < 0.05 };
}

function proposal(template: Template, n: number) {
  const topic = pick(TOPICS);
  const [partner, country] =
    template === 'benign' || template === 'mobility' ? pick(BENIGN_PARTNERS) : pick(SENSITIVE_PARTNERS);
  const base = {
    type: 'partnership',
    title: `${topic[0].toUpperCase()}${topic.slice(1)}, project ${n}`,
    summary: `Joint research on ${topic} with shared supervision, data and publications. `.repeat(4).trim(),
    department: pick(['Civil Engineering', 'Physics', 'Computer Science', 'History', 'Medicine']),
    partners: [{ name: partner, country, type: 'university' }],
    technologyAreas: [] as string[],
    dualUse: { annexICategories: [] as number[], militaryEndUse: false, misusePotential: false },
    funding: [{ source: 'NWO', type: 'national' }],
    startDate: '2027-01-01',
    endDate: '2029-12-31',
  };
  if (template === 'sensitive') {
    return {
      ...base,
      technologyAreas: ['artificial_intelligence', 'advanced_sensing'],
      dualUse: { annexICategories: [6], militaryEndUse: false, misusePotential: false },
    };
  }
  if (template === 'military') {
    return {
      ...base,
      partners: [
        ...base.partners,
        { name: 'Royal Netherlands Aerospace Centre', country: 'NL', type: 'defence_industry' },
      ],
      funding: [{ source: 'Ministry of Defence', type: 'military' }],
    };
  }
  if (template === 'mobility') {
    return {
      ...base,
      type: 'mobility',
      partners: [{ name: 'Kyiv Polytechnic Institute', country: 'UA', type: 'university' }],
      destinations: [{ country: 'UA', city: 'Kyiv', from: '2027-04-01', to: '2027-04-14' }],
    };
  }
  return base;
}

/** Takes one case through the workflow, as the people involved would, to its planned outcome. */
async function makeCase(api: Api, people: People, n: number): Promise<void> {
  const { template, outcome, conflict } = planCase();
  const applicant = people.researchers[n % people.researchers.length];
  const kase = await api.ok('POST', '/cases', applicant.token, proposal(template, n));
  const id = kase.id as string;
  if (outcome === 'draft') return;
  if (outcome === 'withdrawn' && rnd() < 0.3) {
    await api.ok('POST', `/cases/${id}/withdraw`, applicant.token, { reason: 'The partner withdrew' });
    return;
  }
  const submitted = await api.ok('POST', `/cases/${id}/submit`, applicant.token);
  if (outcome === 'triage') return;
  if (outcome === 'withdrawn') {
    await api.ok('POST', `/cases/${id}/withdraw`, applicant.token, { reason: 'The partner withdrew' });
    return;
  }
  if (outcome === 'information_requested') {
    await api.ok('POST', `/cases/${id}/request-information`, people.io.token, { questions: 'Who funds the partner?' });
    return;
  }
  const triaged = await api.ok('POST', `/cases/${id}/triage`, people.io.token, {});
  if (triaged.status !== 'in_review') return;
  const stages = (submitted.route as { committee: Committee }[]).map((r) => r.committee);
  if (conflict && stages.includes('knowledge_security')) {
    await api.ok('POST', `/cases/${id}/conflicts`, people.members.knowledge_security[1].token, {
      committee: 'knowledge_security',
      reason: 'A former colleague of the applicant',
    });
  }
  const escalating = outcome === 'escalated' || outcome === 'leadership_decided' ? pick(stages) : null;
  const rejecting = outcome === 'rejected' ? pick(stages) : null;
  for (const committee of stages) {
    const chair = people.chairs[committee];
    const reviewer = people.members[committee][0];
    const path = `/cases/${id}/stages/${committee}`;
    await api.ok('POST', `${path}/reviewers`, chair.token, { reviewerIds: [reviewer.id] });
    await api.ok('POST', `${path}/opinions`, reviewer.token, {
      recommendation: committee === rejecting ? 'reject' : 'approve',
      comment: 'I read the proposal and the partner information; see my notes in the minutes.',
    });
    if (outcome === 'in_review') continue;
    const decision =
      committee === escalating
        ? { decision: 'escalate', rationale: 'The board should weigh the strategic interest.' }
        : committee === rejecting
          ? { decision: 'reject', rationale: 'The risk of diversion cannot be mitigated.' }
          : outcome === 'approved_with_conditions'
            ? {
                decision: 'approve_with_conditions',
                rationale: 'Acceptable with safeguards.',
                conditions: ['No export-controlled data is shared', 'Annual report to the committee'],
              }
            : { decision: 'approve', rationale: 'No concerns.' };
    const after = await api.ok('POST', `${path}/decision`, chair.token, decision);
    if (after.status === 'rejected') break;
  }
  if (outcome === 'leadership_decided') {
    await api.ok('POST', `/cases/${id}/leadership-decision`, people.leadership.token, {
      decision: 'approve',
      rationale: 'In the strategic interest of the university.',
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Bulk data: clones of the cases made through the API, written straight into the database.

async function cloneCases(databaseUrl: string, target: number): Promise<void> {
  const dataSource = new DataSource(databaseOptions(databaseUrl));
  await dataSource.initialize();
  try {
    const prototypes = await dataSource.getRepository(Case).find({
      relations: { stages: { reviewers: true, opinions: true }, conditions: true, conflicts: true },
    });
    const countries = group(await dataSource.getRepository(CaseCountry).find(), (c) => c.caseId);
    const events = group(await dataSource.getRepository(CaseEvent).find(), (e) => e.caseId);
    const counters = new Map(
      (await dataSource.getRepository(CaseReferenceCounter).find()).map((c) => [c.year, c.last] as const),
    );
    const now = Date.now();
    const twoYears = 730 * 86_400_000;
    const rows = {
      cases: [] as ObjectLiteral[],
      stages: [] as ObjectLiteral[],
      reviewers: [] as ObjectLiteral[],
      opinions: [] as ObjectLiteral[],
      conditions: [] as ObjectLiteral[],
      conflicts: [] as ObjectLiteral[],
      countries: [] as ObjectLiteral[],
      events: [] as ObjectLiteral[],
    };
    const flush = async (manager: EntityManager) => {
      const write = async (entity: new () => ObjectLiteral, list: ObjectLiteral[]) => {
        const columns = dataSource.getMetadata(entity).columns.length;
        const chunk = Math.max(1, Math.floor(900 / columns));
        for (let i = 0; i < list.length; i += chunk) await manager.insert(entity, list.slice(i, i + chunk));
        list.length = 0;
      };
      await write(Case, rows.cases);
      await write(CaseStage, rows.stages);
      await write(StageReviewer, rows.reviewers);
      await write(Opinion, rows.opinions);
      await write(CaseCondition, rows.conditions);
      await write(CaseConflict, rows.conflicts);
      await write(CaseCountry, rows.countries);
      await write(CaseEvent, rows.events);
    };
    const started = Date.now();
    await dataSource.transaction(async (manager) => {
      for (let k = 0; k < target - prototypes.length; k++) {
        const proto = prototypes[k % prototypes.length];
        const created = now - 86_400_000 - Math.floor(rnd() * twoYears);
        const shift = (d: Date | null) => (d ? new Date(+d + created - +proto.createdAt) : null);
        const year = new Date(created).getUTCFullYear();
        const seq = (counters.get(year) ?? 0) + 1;
        counters.set(year, seq);
        const id = randomUUID();
        const reference = `IRR-${year}-${String(seq).padStart(5, '0')}`;
        const title = `${proto.title.replace(/, project \d+$/, '')}, project ${prototypes.length + k}`;
        const { stages, conditions, conflicts, applicant: _a, ...columns } = proto;
        rows.cases.push({
          ...columns,
          id,
          reference,
          title,
          searchText: searchText(reference, title, proto.partners),
          createdAt: new Date(created),
          submittedAt: shift(proto.submittedAt),
          decidedAt: shift(proto.decidedAt),
          updatedAt: shift(proto.updatedAt),
          outcome: proto.outcome
            ? { ...proto.outcome, decidedAt: shift(new Date(proto.outcome.decidedAt))!.toISOString() }
            : null,
        });
        for (const stage of stages) {
          const stageId = randomUUID();
          const { reviewers, opinions, case: _c, ...stageColumns } = stage;
          rows.stages.push({
            ...stageColumns,
            id: stageId,
            caseId: id,
            openedAt: shift(stage.openedAt),
            dueAt: shift(stage.dueAt),
            pausedAt: shift(stage.pausedAt),
            decidedAt: shift(stage.decidedAt),
          });
          for (const r of reviewers)
            rows.reviewers.push({ stageId, reviewerId: r.reviewerId, assignedAt: shift(r.assignedAt) });
          for (const o of opinions) {
            const { stage: _s, reviewer: _r, ...opinion } = o;
            rows.opinions.push({ ...opinion, id: randomUUID(), stageId, at: shift(o.at) });
          }
        }
        for (const c of conditions) {
          const { case: _c, ...condition } = c;
          rows.conditions.push({ ...condition, id: randomUUID(), caseId: id, resolvedAt: shift(c.resolvedAt) });
        }
        for (const c of conflicts) {
          const { case: _c, ...conflict } = c;
          rows.conflicts.push({ ...conflict, caseId: id, at: shift(c.at) });
        }
        for (const c of countries.get(proto.id) ?? []) rows.countries.push({ caseId: id, countryCode: c.countryCode });
        for (const e of events.get(proto.id) ?? []) {
          const { case: _c, actor: _u, ...event } = e;
          rows.events.push({ ...event, id: randomUUID(), caseId: id, at: shift(e.at) });
        }
        if (rows.cases.length >= 2000) await flush(manager);
      }
      await flush(manager);
      for (const [year, last] of counters) {
        await manager.upsert(CaseReferenceCounter, { year, last }, ['year']);
      }
    });
    await dataSource.query('ANALYZE');
    console.log(`cloned ${target - prototypes.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await dataSource.destroy();
  }
}

function group<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Call {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  token: string;
  connections: number;
  /** For the write: a fresh path per request, and the number of requests. */
  paths?: string[];
  tokens?: string[];
}

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the server process (all its threads) per request, in microseconds. */
  cpuUs: number;
}

/** CPU time a process has used so far (user + system, all threads), in microseconds (Linux). */
function cpuUs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

async function load(
  url: string,
  pid: number,
  call: Call,
  seconds: number,
  paths?: string[],
  tokens?: string[],
): Promise<Measure> {
  const cpuBefore = cpuUs(pid);
  const headers = { authorization: `Bearer ${call.token}`, 'content-type': 'application/json' };
  let next = 0;
  const result = await autocannon({
    url,
    connections: call.connections,
    ...(paths ? { amount: paths.length } : { duration: seconds }),
    requests: [
      {
        method: call.method,
        path: call.path,
        headers,
        ...(call.method === 'POST' ? { body: '{}' } : {}),
        ...(paths
          ? {
              setupRequest: (request) => {
                const i = next++ % paths.length;
                return { ...request, path: paths[i], headers: { ...headers, authorization: `Bearer ${tokens![i]}` } };
              },
            }
          : {}),
      },
    ],
  });
  // Requests still queued in the server when the load stops would slow the next measurement.
  await fetch(`${url}/api/health`).catch(() => undefined);
  if (result.non2xx || result.errors) {
    console.log(`  ${call.name} at ${url}: ${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors`);
  }
  // On a saturated machine a slow server may answer nothing within the run: say so rather than print 0 req/s as a figure.
  if (!result['2xx']) {
    console.log(
      `  ${call.name} at ${url}: no request answered within the run (${result.timeouts} timeouts); use a longer --duration`,
    );
  }
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    // Requests still in flight when the load stopped were served during the drain above.
    cpuUs: (cpuUs(pid) - cpuBefore) / Math.max(1, result.requests.sent),
  };
}

const KEPT_HEADERS = (headers: Headers): OutgoingHttpHeaders => {
  const kept: OutgoingHttpHeaders = {};
  headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)) kept[name] = value;
  });
  return kept;
};

interface Row {
  call: string;
  bytes: number;
  service: Measure;
  plain: Measure;
  ratio: number;
  rssMb: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function printRows(title: string, rows: Row[]): void {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`\n${title}`);
  console.log(
    `${'call'.padEnd(44)}${pad('bytes', 7)} |${pad('req/s', 8)}${pad('p50', 6)}${pad('p99', 6)}${pad('CPU µs', 8)} |${pad('plain', 8)}${pad('p50', 6)}${pad('p99', 6)}${pad('CPU µs', 8)} |${pad('ratio', 7)}${pad('CPU', 7)} |${pad('RSS MB', 7)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.call.padEnd(44)}${pad(r.bytes, 7)} |${pad(r.service.rps.toFixed(0), 8)}${pad(r.service.p50, 6)}${pad(r.service.p99, 6)}${pad(r.service.cpuUs.toFixed(0), 8)} |` +
        `${pad(r.plain.rps.toFixed(0), 8)}${pad(r.plain.p50, 6)}${pad(r.plain.p99, 6)}${pad(r.plain.cpuUs.toFixed(0), 8)} |` +
        `${pad(r.ratio.toFixed(3), 7)}${pad((r.plain.cpuUs / r.service.cpuUs).toFixed(3), 7)} |${pad(r.rssMb.toFixed(0), 7)}${r.service.errors ? `  (${r.service.errors} errors)` : ''}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const reuse = option('reuse');
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'api-bench-'));
  const admin = { email: 'admin@bench.example', password: 'bench-admin-password' };
  const state = reuse
    ? (JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { env: Record<string, string>; people: People })
    : null;
  const env = state?.env ?? {
    DATABASE_URL: DATABASE ?? `sqlite:${join(dir, 'bench.sqlite')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    JWT_EXPIRES_IN_SECONDS: String(24 * 3600),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // The smallest allowed password hashing cost: making the people (two hashes each) took most of
    // the seeding, and no measured call hashes a password.
    PASSWORD_HASH_MEMORY_KIB: '19456',
    PASSWORD_HASH_ITERATIONS: '2',
  };
  console.log(
    `api bench: ${reuse ? `the data in ${reuse}` : `${CASES} cases (${SEED})`}, ${env.DATABASE_URL.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'}, ` +
      `${CONNECTIONS} connections, ${DURATION} s per call, ${ROUNDS} round(s), ` +
      `${READ_CACHE_MB === '0' ? 'no kept answers' : 'kept answers'}; node ${process.version}, ${cpus().length} CPUs, ` +
      `load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  if (DATABASE && !state) {
    const reset = new DataSource(databaseOptions(DATABASE));
    await reset.initialize();
    await reset.dropDatabase();
    await reset.destroy();
  }

  let server = await startServer(env);
  let plain: { url: string; child: ChildProcess } | undefined;
  try {
    const api = new Api(server.url);
    let people: People;
    let started = Date.now();
    if (state) {
      people = state.people;
      for (const person of [people.io, people.leadership, ...Object.values(people.chairs), ...people.researchers]) {
        person.token = (await api.ok('POST', '/auth/login', undefined, { email: person.email, password: PASSWORD }))
          .accessToken as string;
      }
    } else {
      const adminToken = (await api.ok('POST', '/auth/login', undefined, admin)).accessToken as string;
      people = await makePeople(api, adminToken);
      const viaApi = SEED === 'api' ? CASES : PROTOTYPES;
      await pool(viaApi, 8, (n) => makeCase(api, people, n));
      console.log(`made ${viaApi} cases through the API in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (SEED === 'bulk' && CASES > viaApi) await cloneCases(env.DATABASE_URL, CASES);
      if (KEEP) writeFileSync(join(dir, 'state.json'), JSON.stringify({ env, people }));
    }

    // Drafts for the write, made before the measurements so they do not disturb them.
    started = Date.now();
    const drafts: { path: string; token: string }[] = [];
    await pool(WRITES * ROUNDS + 1, 8, async (n) => {
      const applicant = people.researchers[n % people.researchers.length];
      const draft = await api.ok(
        'POST',
        '/cases',
        applicant.token,
        proposal(n % 2 ? 'benign' : 'sensitive', CASES + n),
      );
      drafts.push({ path: `/api/cases/${draft.id as string}/submit`, token: applicant.token });
    });
    console.log(`made ${drafts.length} drafts for the write in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // A fresh server on the data, as after a deployment.
    await server.stop();
    server = await startServer(env);
    const fresh = new Api(server.url);

    const ks = people.chairs.knowledge_security;
    const researcher = people.researchers[0];
    const page = '/api/cases?page=1&pageSize=20';
    const inReview = (await fresh.ok('GET', '/cases?status=in_review&pageSize=100', people.io.token)).items as Json[];
    const shown =
      inReview.find((c) => (c.stages as Json[]).some((s) => (s.opinions as Json[] | undefined)?.length)) ?? inReview[0];
    const calls: Call[] = [
      {
        name: 'list, reviewer (chair knowledge_security)',
        method: 'GET',
        path: page,
        token: ks.token,
        connections: CONNECTIONS,
      },
      {
        name: 'list, International Office',
        method: 'GET',
        path: page,
        token: people.io.token,
        connections: CONNECTIONS,
      },
      {
        name: 'list, researcher (own cases)',
        method: 'GET',
        path: page,
        token: researcher.token,
        connections: CONNECTIONS,
      },
      {
        name: 'list, International Office, q=polytechnic',
        method: 'GET',
        path: `${page}&q=polytechnic`,
        token: people.io.token,
        connections: CONNECTIONS,
      },
      {
        name: 'list, International Office, status=in_review',
        method: 'GET',
        path: `${page}&status=in_review`,
        token: people.io.token,
        connections: CONNECTIONS,
      },
      {
        name: 'case page, International Office',
        method: 'GET',
        path: `/api/cases/${shown.id as string}`,
        token: people.io.token,
        connections: CONNECTIONS,
      },
      {
        name: 'auth/me, International Office',
        method: 'GET',
        path: '/api/auth/me',
        token: people.io.token,
        connections: CONNECTIONS,
      },
      {
        name: `submit a draft (${WRITE_CONNECTIONS} writers)`,
        method: 'POST',
        path: drafts[0].path,
        token: drafts[0].token,
        connections: WRITE_CONNECTIONS,
      },
    ];

    // What the server answers for each call: the plain server answers these bytes.
    const answers: Record<string, Recorded> = {};
    for (const call of calls) {
      const draft = call.method === 'POST' ? drafts.pop()! : null;
      const path = (draft?.path ?? call.path).slice('/api'.length);
      const res = await fresh.call(call.method, path, draft?.token ?? call.token);
      if (res.status >= 300) throw new Error(`${call.name}: ${res.status} ${res.text.slice(0, 200)}`);
      answers[answerKey(call.method, call.path, `Bearer ${call.token}`)] = {
        status: res.status,
        headers: KEPT_HEADERS(res.headers),
        body: Buffer.from(res.text).toString('base64'),
      };
    }
    plain = await startPlain(answers, dir);

    const rounds: Row[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const rows: Row[] = [];
      for (const call of calls) {
        const write = call.method === 'POST';
        const batch = write ? drafts.splice(0, WRITES) : undefined;
        if (!write) await load(server.url, server.process.pid!, call, 1);
        let peak = 0;
        const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.process.pid!))), 100);
        const service = await load(
          server.url,
          server.process.pid!,
          call,
          DURATION,
          batch?.map((d) => d.path),
          batch?.map((d) => d.token),
        );
        clearInterval(sampler);
        peak = Math.max(peak, rssMb(server.process.pid!));
        const plainMeasure = await load(
          plain.url,
          plain.child.pid!,
          call,
          DURATION,
          batch?.map((d) => d.path),
          batch?.map((d) => d.token),
        );
        const answer = answers[answerKey(call.method, call.path, `Bearer ${call.token}`)];
        rows.push({
          call: call.name,
          bytes: Buffer.from(answer.body, 'base64').length,
          service,
          plain: plainMeasure,
          ratio: service.rps / plainMeasure.rps,
          rssMb: peak,
        });
      }
      rounds.push(rows);
      printRows(
        `round ${round + 1} (load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')})`,
        rows,
      );
    }
    const medians: Row[] = rounds[0].map((first, i) => {
      const m = (f: (r: Row) => number) => median(rounds.map((rows) => f(rows[i])));
      const measure = (f: (r: Row) => Measure): Measure => ({
        rps: m((r) => f(r).rps),
        p50: m((r) => f(r).p50),
        p99: m((r) => f(r).p99),
        errors: m((r) => f(r).errors),
        cpuUs: m((r) => f(r).cpuUs),
      });
      return {
        call: first.call,
        bytes: first.bytes,
        service: measure((r) => r.service),
        plain: measure((r) => r.plain),
        ratio: m((r) => r.ratio),
        rssMb: m((r) => r.rssMb),
      };
    });
    if (ROUNDS > 1) printRows(`medians of ${ROUNDS} rounds`, medians);
    const peakRss = Math.max(...rounds.flat().map((r) => r.rssMb));
    console.log(
      `\nserver peak RSS ${peakRss.toFixed(0)} MB; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const missed = checkTargets(medians, peakRss, env.DATABASE_URL.startsWith('sqlite'));
    if (missed.length && STRICT) process.exitCode = 1;
    if (JSON_OUT) {
      writeFileSync(
        JSON_OUT,
        JSON.stringify(
          {
            cases: CASES,
            database: DATABASE ? 'postgres' : 'sqlite',
            seed: SEED,
            connections: CONNECTIONS,
            duration: DURATION,
            rounds,
            medians,
          },
          null,
          2,
        ),
      );
    }
  } finally {
    plain?.child.kill();
    await server.stop();
    if (KEEP) console.log(`kept ${dir} (run again on the same data with --reuse ${dir})`);
    else if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The targets the service is held to, measured side by side with the plain server (50 connections):
 * the list (20 rows) as a reviewer and as the International Office at least 0.25 of the plain
 * server's req/s with a p99 of at most 50 ms on SQLite, 0.15 on PostgreSQL; the case page at least
 * 0.3; the server's RSS at most 250 MB. Printed one per line; the names of the missed ones answered.
 */
function checkTargets(rows: Row[], peakRss: number, sqlite: boolean): string[] {
  const find = (prefix: string) => rows.find((r) => r.call.startsWith(prefix));
  const checks: [string, boolean][] = [];
  const listRatio = sqlite ? 0.25 : 0.15;
  for (const name of ['list, reviewer', 'list, International Office']) {
    const row = find(name);
    if (!row || row.call.includes('=')) continue;
    checks.push([`${row.call}: req/s ratio ${row.ratio.toFixed(3)} >= ${listRatio}`, row.ratio >= listRatio]);
    if (sqlite) checks.push([`${row.call}: p99 ${row.service.p99} ms <= 50 ms`, row.service.p99 <= 50]);
  }
  const casePage = find('case page');
  if (casePage && sqlite)
    checks.push([`case page: req/s ratio ${casePage.ratio.toFixed(3)} >= 0.3`, casePage.ratio >= 0.3]);
  checks.push([`server peak RSS ${peakRss.toFixed(0)} MB <= 250 MB`, peakRss <= 250]);
  console.log('\ntargets' + (READ_CACHE_MB === '0' ? ' (with nothing kept they are not expected to be met)' : ''));
  for (const [text, met] of checks) console.log(`  ${met ? 'met   ' : 'MISSED'} ${text}`);
  return checks.filter(([, met]) => !met).map(([text]) => text);
}

if (args[0] === '--serve-plain') {
  servePlain(args[1]);
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
