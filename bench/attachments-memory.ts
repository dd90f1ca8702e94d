// Memory of document uploads and downloads: several 25 MiB files at once, through the real HTTP
// API, on a fresh SQLite database (or DATABASE_URL when it names PostgreSQL).
//
//   npm run bench:attachments            (= npm run build && node --expose-gc dist/bench/attachments-memory.js)
//   node --expose-gc dist/bench/attachments-memory.js [--files 4] [--rounds 2]
//
// The server runs in a child process that samples its own memory every 5 ms; this process is the
// client, streaming each file from disk and discarding what it downloads. For each phase it prints
// the server's baseline (after a garbage collection) and its peak growth: V8 heap, Buffers outside
// the heap (arrayBuffers), and RSS. Exits non-zero when the peak growth of heap + Buffers during a
// phase reaches one whole file: the files are streamed, so no request may hold one in memory.
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.setup';

const MiB = 1024 * 1024;
const FILE_BYTES = 25 * MiB;

interface Memory {
  heapUsed: number;
  arrayBuffers: number;
  rss: number;
}
type ToServer = { type: 'reset' } | { type: 'report' };
type FromServer =
  | { type: 'listening'; port: number }
  | { type: 'baseline'; memory: Memory }
  | { type: 'peak'; memory: Memory; live: Memory };

if (process.argv.includes('--server')) void server();
else void client();

/** The application, listening on a free port, sampling its memory. */
async function server(): Promise<void> {
  process.env.TZ = 'UTC';
  const app = await createApp({ logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const sample = (): Memory => {
    const m = process.memoryUsage();
    return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss };
  };
  const max = (a: Memory, b: Memory): Memory => ({
    heapUsed: Math.max(a.heapUsed, b.heapUsed),
    arrayBuffers: Math.max(a.arrayBuffers, b.arrayBuffers),
    rss: Math.max(a.rss, b.rss),
  });
  // Two samplers: what is allocated every 5 ms (garbage included), and what is still alive after a
  // forced collection every second, which is what the requests hold.
  let peak = sample();
  let live = sample();
  setInterval(() => (peak = max(peak, sample())), 5).unref();
  setInterval(() => {
    // Twice: the first collection leaves the backing stores of dead Buffers to a sweeper that the
    // second one finishes, so one alone still counts garbage.
    gc();
    gc();
    live = max(live, sample());
  }, 1000).unref();
  process.on('message', (message: ToServer) => {
    if (message.type === 'reset') {
      gc();
      gc();
      peak = live = sample();
      process.send!({ type: 'baseline', memory: peak } satisfies FromServer);
    } else process.send!({ type: 'peak', memory: peak, live } satisfies FromServer);
  });
  process.send!({ type: 'listening', port: (app.getHttpServer().address() as { port: number }).port });
}

async function client(): Promise<void> {
  const option = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const files = option('files', 4);
  const rounds = option('rounds', 2);
  const dir = mkdtempSync(join(tmpdir(), 'attachments-bench-'));
  const databaseUrl = process.env.DATABASE_URL?.startsWith('postgres')
    ? process.env.DATABASE_URL
    : `sqlite:${join(dir, 'bench.sqlite')}`;
  const admin = { email: 'admin@bench.example', password: 'bench-admin-password' };
  const child = fork(__filename, ['--server'], {
    execArgv: ['--expose-gc'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = (await next(child, 'listening')).port;
    const api = apiOn(port);

    // A 25 MiB PDF: the header that makes it one, then incompressible bytes.
    const sample = join(dir, 'sample.pdf');
    writeFileSync(sample, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(FILE_BYTES - 9)]));

    const adminToken = (await api.json('POST', '/api/auth/login', null, admin)).accessToken as string;
    const user = async (role: string) => {
      const email = `${role}@bench.example`;
      await api.json('POST', '/api/users', adminToken, {
        email,
        name: role,
        password: 'bench-user-password',
        roles: [role],
      });
      return (await api.json('POST', '/api/auth/login', null, { email, password: 'bench-user-password' }))
        .accessToken as string;
    };
    const researcher = await user('researcher');
    const office = await user('international_office');
    const kase = await api.json('POST', '/api/cases', researcher, {
      type: 'partnership',
      title: 'Memory benchmark',
      summary: 'Uploads and downloads of large documents.',
      partners: [{ name: 'Technische Universität München', country: 'DE', type: 'university' }],
      technologyAreas: [],
      dualUse: { annexICategories: [], militaryEndUse: false, misusePotential: false },
      funding: [],
      startDate: '2027-01-01',
      endDate: '2027-12-31',
    });

    console.log(
      `${files} files of ${FILE_BYTES / MiB} MiB at once, ${rounds} round(s) each way, on ${databaseUrl.split(':')[0]}`,
    );
    console.log(
      'Server memory growth over a baseline taken after a full collection. peak: sampled every 5 ms, ' +
        'garbage included; live: after a forced collection every second (what the requests hold).',
    );
    console.log(
      'phase               |  time  | peak heap | peak Buffers | peak RSS  | live heap | live Buffers | live heap+Buffers',
    );
    const results: { phase: string; live: number }[] = [];
    const phase = async (name: string, work: () => Promise<unknown>) => {
      const baseline = (await next(child, 'baseline', { type: 'reset' })).memory;
      const started = Date.now();
      await work();
      const seconds = (Date.now() - started) / 1000;
      const { memory: peak, live } = await next(child, 'peak', { type: 'report' });
      const growth = (m: Memory, key: keyof Memory) => Math.max(0, m[key] - baseline[key]);
      const liveTotal = growth(live, 'heapUsed') + growth(live, 'arrayBuffers');
      results.push({ phase: name, live: liveTotal });
      console.log(
        [
          name.padEnd(19),
          `${seconds.toFixed(1).padStart(5)}s`,
          mib(growth(peak, 'heapUsed'), 9),
          mib(growth(peak, 'arrayBuffers'), 12),
          mib(growth(peak, 'rss'), 9),
          mib(growth(live, 'heapUsed'), 9),
          mib(growth(live, 'arrayBuffers'), 12),
          mib(liveTotal, 17),
        ].join(' | '),
      );
    };
    const ids: string[] = [];
    for (let round = 1; round <= rounds; round++) {
      await phase(`upload ${files} × 25 MiB`, async () => {
        const uploaded = await Promise.all(
          Array.from({ length: files }, (_, i) =>
            api.upload(kase.id as string, researcher, sample, `big-${round}-${i}.pdf`),
          ),
        );
        ids.push(...uploaded.map((u) => u.id as string));
      });
    }
    await api.json('POST', `/api/cases/${String(kase.id)}/submit`, researcher, {});
    for (let round = 1; round <= rounds; round++) {
      await phase(`download ${files} × 25 MiB`, () =>
        Promise.all(ids.slice(0, files).map((id) => api.download(kase.id as string, office, id, FILE_BYTES))),
      );
    }
    const worst = Math.max(...results.map((r) => r.live));
    console.log(
      `Worst live growth of heap + Buffers: ${mib(worst, 0)} for ${files} concurrent requests of 25 MiB ` +
        `(${mib(worst / files, 0)} a request; holding each file once would take ${files * 25} MiB).`,
    );
    if (worst >= FILE_BYTES) {
      console.error('FAIL: the requests of a phase held a whole file or more between them');
      process.exitCode = 1;
    }
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mib = (bytes: number, width: number) => `${(bytes / MiB).toFixed(1)} MiB`.padStart(width);

function next<T extends FromServer['type']>(
  child: ChildProcess,
  type: T,
  send?: ToServer,
): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromServer) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<FromServer, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`server exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (send) child.send(send);
  });
}

function apiOn(port: number) {
  const call = (
    method: string,
    path: string,
    headers: Record<string, string | number>,
    write: (req: ReturnType<typeof request>) => void,
  ) =>
    new Promise<{ status: number; body: Buffer; bytes: number }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        const kept: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          // Keep a JSON body; count the bytes of a download and let them go.
          if (!String(res.headers['content-type']).startsWith('application/pdf')) kept.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(kept), bytes }));
        res.on('error', reject);
      });
      req.on('error', reject);
      write(req);
    });
  const auth = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  const expect = (res: { status: number; body: Buffer }, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.body.toString().slice(0, 300)}`);
    return res;
  };
  return {
    async json(method: string, path: string, token: string | null, body: object) {
      const text = JSON.stringify(body);
      const res = await call(
        method,
        path,
        { ...auth(token), 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        (req) => req.end(text),
      );
      expect(res, res.status < 300 ? res.status : 200, `${method} ${path}`);
      return JSON.parse(res.body.toString()) as Record<string, unknown>;
    },
    /** A multipart upload streamed from disk: `kind`, then the file. */
    async upload(caseId: string, token: string, path: string, filename: string) {
      const boundary = `bench-${randomBytes(8).toString('hex')}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nproject_description\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const res = await call(
        'POST',
        `/api/cases/${caseId}/attachments`,
        {
          ...auth(token),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + statSync(path).size + tail.length,
        },
        (req) => {
          req.write(head);
          const file = createReadStream(path);
          file.on('end', () => req.end(tail));
          file.pipe(req, { end: false });
        },
      );
      return JSON.parse(expect(res, 201, 'upload').body.toString()) as Record<string, unknown>;
    },
    async download(caseId: string, token: string, id: string, size: number) {
      const res = await call('GET', `/api/cases/${caseId}/attachments/${id}`, auth(token), (req) => req.end());
      expect(res, 200, 'download');
      if (res.bytes !== size) throw new Error(`download: ${res.bytes} bytes, expected ${size}`);
    },
  };
}
