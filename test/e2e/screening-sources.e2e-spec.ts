import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Job } from '../../src/jobs/job.entity';
import { SOURCE_REFRESH_EVERY_SECONDS, SOURCE_REFRESH_JOB } from '../../src/screening/screening-source-refresher';
import { CaseWorld, sensitivePartnership } from '../support/case-world';
import { eventually } from '../support/jobs';
import { TestApp } from '../support/test-app';

const PARTNERS_CSV = readFileSync(join(__dirname, '..', 'fixtures', 'screening', 'partners.simple.csv'));
const PLANT = Buffer.from('Ural Optical and Mechanical Plant,RU,company,UOMZ\n');

/**
 * A local list server: serves `body` with an ETag and a Last-Modified, answers 304 to a matching
 * If-None-Match, or fails with `failWith`; records the headers of every request.
 */
class ListServer {
  body = PARTNERS_CSV;
  failWith: number | null = null;
  readonly requests: IncomingHttpHeaders[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req.headers);
      if (req.url?.startsWith('/moved')) {
        res.writeHead(302, { Location: '/lists/partners.csv' }).end();
        return;
      }
      if (this.failWith) {
        res.writeHead(this.failWith).end('unavailable');
        return;
      }
      const etag = `"${createHash('sha256').update(this.body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag }).end();
        return;
      }
      res.writeHead(200, { ETag: etag, 'Last-Modified': 'Sat, 28 Nov 2026 10:00:00 GMT', 'Content-Type': 'text/csv' });
      res.end(this.body);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/lists/partners.csv`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Source {
  id: string;
  name: string;
  lastSuccessAt: string | null;
  lastOutcome: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  nextRunAt: string;
}

describe('screening list sources (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  const lists = new ListServer();
  let url: string;

  const jobRows = () => t.app.get(DataSource).getRepository(Job);

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
    url = await lists.start();
    // The recurring refresh job ran once at start (no sources yet); from now on it runs when a test
    // says so (runRefreshJob), not every minute in the background while the test looks.
    const job = await jobRows().findOneByOrFail({ uniqueKey: SOURCE_REFRESH_JOB });
    await eventually(
      async () => (await jobRows().findOneByOrFail({ id: job.id })).status === 'queued',
      'the first run of the refresh job',
    );
    await jobRows().update({ id: job.id }, { runAt: new Date(t.now().getTime() + 86_400_000) });
  });

  /** Lets the recurring refresh job run now; waits until the app's job runner has run it and answers its result. */
  async function runRefreshJob(): Promise<Record<string, unknown> | null> {
    const job = await jobRows().findOneByOrFail({ uniqueKey: SOURCE_REFRESH_JOB });
    await jobRows().update({ id: job.id }, { runAt: new Date(t.now().getTime() - 1) });
    let ran: Job | null = null;
    await eventually(async () => {
      ran = await jobRows().findOneByOrFail({ id: job.id });
      return ran.status === 'queued' && ran.runAt.getTime() > t.now().getTime();
    }, 'the source refresh job');
    // Queued again for the next run, a minute after this one ended.
    expect(ran!.runAt.getTime() - ran!.finishedAt!.getTime()).toBe(SOURCE_REFRESH_EVERY_SECONDS * 1000);
    expect(ran).toMatchObject({ type: SOURCE_REFRESH_JOB, error: null });
    return ran!.result;
  }

  afterAll(async () => {
    await t.close();
    await lists.stop();
  });

  const sources = async () => (await w.expectOk(await w.get(w.io, '/screening/sources'))) as unknown as Source[];
  const refresh = async (id: string) =>
    (await w.expectOk(await w.post(w.io, `/screening/sources/${id}/refresh`))) as unknown as Source;
  const versionsOf = async (name: string) => {
    const all = (await w.expectOk(await w.get(w.io, '/screening/lists'))) as unknown as { id: string; name: string }[];
    const list = all.find((l) => l.name === name);
    if (!list) return [];
    return (await w.get(w.io, `/screening/lists/${list.id}/versions`)).body as { version: number; source: string }[];
  };

  it('registers a source as the International Office only, refusing bad URLs and a second source for a list', async () => {
    const body = { name: 'Partners feed', format: 'csv', url, refreshMinutes: 60 };
    expect((await w.post(w.researcher, '/screening/sources', body)).status).toBe(403);
    expect((await w.post(w.ksChair, '/screening/sources', body)).status).toBe(403);
    for (const bad of [
      { ...body, url: 'file:///etc/passwd' },
      { ...body, url: 'not a url' },
      { ...body, format: 'uk' },
      { ...body, refreshMinutes: 1 },
    ]) {
      const res = await w.post(w.io, '/screening/sources', bad);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const created = await w.expectOk(await w.post(w.io, '/screening/sources', body), 201);
    expect(created).toMatchObject({ name: 'Partners feed', url, lastSuccessAt: null, lastError: null });
    const twice = await w.post(w.io, '/screening/sources', body);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('SCREENING_SOURCE_EXISTS');
    expect((await w.get(w.researcher, '/screening/sources')).status).toBe(403);
  });

  it('refreshes every source from one recurring durable job', async () => {
    expect(await jobRows().findBy({ type: SOURCE_REFRESH_JOB })).toEqual([
      expect.objectContaining({ uniqueKey: SOURCE_REFRESH_JOB, repeatSeconds: SOURCE_REFRESH_EVERY_SECONDS }),
    ]);
  });

  it('downloads a due source on schedule, then asks conditionally and imports only a changed file, re-screening open cases', async () => {
    expect(await runRefreshJob()).toEqual({ refreshed: 1 });
    let [source] = await sources();
    expect(source).toMatchObject({
      lastOutcome: 'imported version 1',
      lastError: null,
      lastSuccessAt: expect.any(String),
    });
    expect(new Date(source.nextRunAt).getTime()).toBeGreaterThan(t.now().getTime() + 59 * 60_000);
    expect(await versionsOf('Partners feed')).toEqual([expect.objectContaining({ version: 1, source: url })]);
    // Not due again for an hour: the next run downloads nothing.
    const requests = lists.requests.length;
    expect(await runRefreshJob()).toEqual({ refreshed: 0 });
    expect(lists.requests).toHaveLength(requests);

    // Unchanged on the server: a conditional request, answered 304, imports nothing.
    source = await refresh(source.id);
    expect(lists.requests.at(-1)).toMatchObject({
      'if-none-match': expect.stringMatching(/^"[0-9a-f]{16}"$/),
      'if-modified-since': 'Sat, 28 Nov 2026 10:00:00 GMT',
    });
    expect(source).toMatchObject({ lastOutcome: 'not modified', lastError: null });
    expect(await versionsOf('Partners feed')).toHaveLength(1);

    // A case that the next version of the list concerns.
    const draft = await w.draft(
      sensitivePartnership({ partners: [{ name: 'Ural Optical Mechanical Plant', country: 'RU', type: 'company' }] }),
    );
    await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    expect((await w.get(w.io, `/cases/${draft.id}`)).body.screening.hits).toEqual([]);

    lists.body = Buffer.concat([PARTNERS_CSV, PLANT]);
    source = await refresh(source.id);
    expect(source).toMatchObject({ lastOutcome: 'imported version 2', lastError: null });
    expect(await versionsOf('Partners feed')).toHaveLength(2);
    // The new version queued the re-screening job; the application's job runner runs it.
    const hitsNow = async () =>
      (await w.get(w.io, `/cases/${draft.id}`)).body.screening.hits as { entityName: string }[];
    await eventually(async () => (await hitsNow()).length > 0, 'the re-screening job to record the hit');
    const hits = await hitsNow();
    expect(hits).toEqual([expect.objectContaining({ entityName: 'Ural Optical and Mechanical Plant' })]);
    const history = (await w.get(w.io, `/cases/${draft.id}/history`)).body as { action: string }[];
    expect(history.map((e) => e.action)).toContain('rescreened');
  });

  it('records a broken download or an unreachable server as the last error and keeps the version in force', async () => {
    const [before] = await sources();
    const inForce = async () =>
      (await w.get(w.io, '/screening/search?name=Ural%20Optical%20and%20Mechanical%20Plant')).body.hits as unknown[];
    expect(await inForce()).not.toEqual([]);

    lists.body = Buffer.from(
      `name,country,type,aliases\nAcme Trading,NL,company,\nAcme ${'x'.repeat(61)},NL,company,\n`,
    );
    let source = await refresh(before.id);
    expect(source.lastError).toContain('word longer than 60 characters');
    expect(source.lastErrorAt).toEqual(expect.any(String));
    expect(source.lastSuccessAt).toBe(before.lastSuccessAt);
    expect(await versionsOf('Partners feed')).toHaveLength(2);
    expect(await inForce()).not.toEqual([]);

    lists.failWith = 500;
    source = await refresh(before.id);
    expect(source.lastError).toContain('HTTP 500');
    expect(await versionsOf('Partners feed')).toHaveLength(2);

    const gone = await w.expectOk(
      await w.post(w.io, '/screening/sources', {
        name: 'Gone feed',
        format: 'csv',
        url: 'http://127.0.0.1:9/nothing.csv',
        refreshMinutes: 15,
      }),
      201,
    );
    const unreachable = await refresh(gone.id as string);
    expect(unreachable).toMatchObject({ lastSuccessAt: null, lastError: expect.any(String) });
    expect(await versionsOf('Gone feed')).toEqual([]);

    // The next good download clears the error.
    lists.failWith = null;
    lists.body = Buffer.concat([PARTNERS_CSV, PLANT]);
    source = await refresh(before.id);
    expect(source).toMatchObject({ lastError: null, lastErrorAt: null });
    expect(source.lastOutcome).toMatch(/^(not modified|unchanged \(version 2\))$/);
    expect(await versionsOf('Partners feed')).toHaveLength(2);
    expect((await w.post(w.io, `/screening/sources/00000000-0000-4000-8000-000000000000/refresh`)).body.code).toBe(
      'SCREENING_SOURCE_NOT_FOUND',
    );
  });

  it('keeps a key in the address out of the versions everyone reads, and follows no redirect', async () => {
    const keyed = await w.expectOk(
      await w.post(w.io, '/screening/sources', {
        name: 'Keyed feed',
        format: 'csv',
        url: `${url}?api_key=s3cret`,
        refreshMinutes: 15,
      }),
      201,
    );
    expect(await refresh(keyed.id as string)).toMatchObject({ lastError: null, lastOutcome: 'imported version 1' });
    const versions = await versionsOf('Keyed feed');
    expect(versions).toEqual([expect.objectContaining({ version: 1, source: url })]);
    expect(JSON.stringify(versions)).not.toContain('s3cret');

    const moved = await w.expectOk(
      await w.post(w.io, '/screening/sources', {
        name: 'Moved feed',
        format: 'csv',
        url: new URL('/moved/partners.csv', url).toString(),
        refreshMinutes: 15,
      }),
      201,
    );
    const refused = await refresh(moved.id as string);
    expect(refused).toMatchObject({ lastSuccessAt: null, lastError: expect.stringContaining('HTTP 302') });
    expect(await versionsOf('Moved feed')).toEqual([]);
  });
});
