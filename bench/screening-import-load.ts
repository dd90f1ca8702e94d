// A large list import must not hold up other requests.
//
//   npm run bench:import   (or: npm run build && node dist/bench/screening-import-load.js [--lines 1000000] [--keep])
//
// Writes a CSV list of --lines synthetic entries (about 50 MB for a million), starts the real server
// (dist/src/main.js) on a fresh SQLite file in a child process, imports the list over HTTP as the
// International Office while another client asks GET /api/health every 50 ms, and prints the import time
// and the health latencies during the import (median, p99, max). The server runs in its own process, so
// a blocked event loop there shows up as slow health answers here.
process.env.TZ = 'UTC';

import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVER_NODE_FLAGS } from './support/server-node-flags';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const LINES = option('lines', 1_000_000);
const POLL_MS = 50;
const KEEP = args.includes('--keep');
const LOG = args.includes('--log');
const ADMIN = { email: 'admin@bench.example', password: 'bench-admin-password' };
const OFFICE = { email: 'office@bench.example', password: 'bench-office-password' };

// Deterministic pseudo-random numbers so runs are comparable.
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = ['ka', 'ro', 'vel', 'min', 'dor', 'sha', 'tek', 'lun', 'bar', 'zi', 'pol', 'nav', 'er', 'os', 'tra'];
const TYPES = ['Trading', 'Industries', 'Holding', 'Logistics', 'Engineering', 'Research Institute', 'Shipping'];
const FORMS = ['LLC', 'Ltd', 'JSC', 'Co', 'GmbH', ''];
const COUNTRIES = ['RU', 'CN', 'IR', 'KP', 'SY', 'BY', 'AE', 'TR', 'HK', ''];

/** Names from a pool of 20,000 made-up words, so the index has a realistic vocabulary, not a million words. */
export function syntheticCsv(lines: number): Buffer {
  const random = rng(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const words = Array.from({ length: 20_000 }, (_, i) => {
    let word = '';
    for (let n = i, k = 0; k < 3 || n > 0; k++, n = Math.floor(n / SYLLABLES.length))
      word += SYLLABLES[n % SYLLABLES.length];
    return word[0].toUpperCase() + word.slice(1);
  });
  const out: string[] = ['name,country,type,aliases'];
  for (let i = 0; i < lines; i++) {
    const name = `${pick(words)} ${pick(words)} ${pick(TYPES)} ${pick(FORMS)}`.trim();
    const alias = random() < 0.1 ? `${pick(words)} ${pick(words)}` : '';
    out.push(`${name} ${i.toString(36)},${pick(COUNTRIES)},company,${alias}`);
  }
  return Buffer.from(`${out.join('\n')}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function json(response: Response): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** The upload as multipart/form-data over node:http, which sets no time limit on a long import (fetch does). */
function upload(port: number, token: string, csv: Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  const boundary = `----bench${Date.now()}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(
      `${field('name', 'Synthetic list')}${field('format', 'csv')}--${boundary}\r\n` +
        'Content-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n',
    ),
    csv,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolveUpload, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/screening/lists',
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolveUpload({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'screening-import-load-'));
  let server: ChildProcess | undefined;
  try {
    const started = Date.now();
    const csv = syntheticCsv(LINES);
    const file = join(dir, 'list.csv');
    writeFileSync(file, csv);
    console.log(`${LINES} lines, ${(csv.length / 2 ** 20).toFixed(1)} MB written in ${Date.now() - started} ms`);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api`;
    server = spawn(process.execPath, [...SERVER_NODE_FLAGS, resolve(__dirname, '..', 'src', 'main.js')], {
      cwd: resolve(__dirname, '..', '..'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
        JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', LOG ? 'inherit' : 'ignore', 'inherit'],
    });
    for (let ready = false; !ready;) {
      ready = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await sleep(200);
    }
    const login = async (user: { email: string; password: string }) =>
      String(
        (
          await json(
            await fetch(`${base}/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(user),
            }),
          )
        ).accessToken,
      );
    const adminToken = await login(ADMIN);
    await json(
      await fetch(`${base}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ ...OFFICE, name: 'Office', roles: ['international_office'] }),
      }),
    );
    const token = await login(OFFICE);

    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      const pending: Promise<void>[] = [];
      while (polling) {
        const sent = performance.now();
        pending.push(
          fetch(`${base}/health`).then(
            async (r) => {
              await r.arrayBuffer();
              latencies.push(performance.now() - sent);
            },
            () => undefined,
          ),
        );
        await sleep(POLL_MS);
      }
      await Promise.all(pending);
    })();

    const importStart = performance.now();
    const { status, body: result } = await upload(port, token, readFileSync(file));
    const importMs = performance.now() - importStart;
    polling = false;
    await poller;

    const sorted = [...latencies].sort((x, y) => x - y);
    if (status !== 201) throw new Error(`import: ${status} ${JSON.stringify(result)}`);
    console.log(`import: ${status}, ${String(result.entries)} entries in ${(importMs / 1000).toFixed(1)} s`);
    console.log(
      `GET /api/health during the import (${sorted.length} requests, one every ${POLL_MS} ms): median ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`,
    );
  } finally {
    server?.kill();
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

if (require.main === module) void main();
