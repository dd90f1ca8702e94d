import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.setup';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { Job } from '../../src/jobs/job.entity';
import { ScreeningEntry, ScreeningList, ScreeningListVersion } from '../../src/screening/screening-list.entity';
import { benignPartnership, CaseWorld, riskyMobility, sensitivePartnership } from '../support/case-world';
import { eventually, waitForJob } from '../support/jobs';
import { bearer, TestApp } from '../support/test-app';

const FIXTURES = join(__dirname, '..', 'fixtures', 'screening');
const PARTNERS_CSV = readFileSync(join(FIXTURES, 'partners.simple.csv'));

describe('screening (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const upload = (token: string, fields: Record<string, string>, file: Buffer | null, filename = 'list.csv') => {
    const req = t.http().post('/api/screening/lists').set(bearer(token));
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    if (file) req.attach('file', file, filename);
    return req;
  };
  const search = (token: string, query: string) => t.http().get(`/api/screening/search?${query}`).set(bearer(token));

  it('imports our CSV as the International Office, and refuses everyone else', async () => {
    expect((await upload(w.researcher.token, { name: 'Test list', format: 'csv' }, PARTNERS_CSV)).status).toBe(403);
    expect((await upload(w.admin, { name: 'Test list', format: 'csv' }, PARTNERS_CSV)).status).toBe(403);
    const res = await upload(w.io.token, { name: 'Test list', format: 'csv' }, PARTNERS_CSV, 'partners.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: 'Test list',
      entries: 8,
      kind: 'sanctions',
      unchanged: false,
      version: { version: 1, entries: 8, added: 8, removed: 0, source: 'partners.csv' },
    });
    expect(res.body.version.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes nothing when the same file is imported again', async () => {
    const res = await upload(w.io.token, { name: 'Test list', format: 'csv' }, PARTNERS_CSV);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unchanged: true, version: { version: 1 }, rescreenJobId: null });
    const versions = await t.http().get(`/api/screening/lists/${res.body.id}/versions`).set(bearer(w.io.token));
    expect(versions.body).toHaveLength(1);
  });

  it.each([
    ['no file', { name: 'X', format: 'csv' }, null, 'file'],
    ['no name', { format: 'csv' }, PARTNERS_CSV, 'name'],
    ['an unknown format', { name: 'X', format: 'xls' }, PARTNERS_CSV, 'format'],
    [
      'a row with too many columns',
      { name: 'Test list', format: 'csv' },
      Buffer.from('name,country,type,aliases\nAcme,NL,company,,extra\n'),
      'line 2',
    ],
    ['a JSON line that is not JSON', { name: 'Test list', format: 'ftm' }, Buffer.from('{"id": "x", \n'), 'line 1'],
  ])('refuses %s with a 400 naming it, keeping the version in force', async (_label, fields, file, expected) => {
    const res = await upload(w.io.token, fields, file);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain(expected);
    const hits = (await search(w.io.token, 'name=Harbin%20Institute%20of%20Technology')).body.hits;
    expect(hits[0]).toMatchObject({ list: 'Test list', entityName: 'Harbin Institute of Technology' });
  });

  it.each([
    ['a body without a boundary', 'multipart/form-data', Buffer.from('--x\r\ncontent\r\n--x--\r\n'), 'multipart'],
    [
      'a truncated body',
      'multipart/form-data; boundary=x',
      Buffer.from('--x\r\nContent-Disposition: form-da'),
      'multipart',
    ],
    ['a JSON body', 'application/json', Buffer.from('{"name":"X","format":"csv"}'), 'multipart/form-data'],
  ])('answers %s with a 400 naming the problem', async (_label, contentType, body, expected) => {
    const res = await t
      .http()
      .post('/api/screening/lists')
      .set(bearer(w.io.token))
      .set('Content-Type', contentType)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(expected);
  });

  it('refuses two files, a file under another field and unknown fields with a 400 naming them', async () => {
    const two = await upload(w.io.token, { name: 'X', format: 'csv' }, PARTNERS_CSV).attach(
      'file',
      PARTNERS_CSV,
      'b.csv',
    );
    expect(two.status).toBe(400);
    expect(two.body.message).toContain('one file');
    const other = await t
      .http()
      .post('/api/screening/lists')
      .set(bearer(w.io.token))
      .field('name', 'X')
      .field('format', 'csv')
      .attach('upload', PARTNERS_CSV, 'a.csv');
    expect(other.status).toBe(400);
    expect(other.body.message).toContain('"upload"');
    const unknown = await upload(w.io.token, { name: 'X', format: 'csv', colour: 'blue' }, PARTNERS_CSV);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('colour');
    const lists = (await t.http().get('/api/screening/lists').set(bearer(w.io.token))).body as { name: string }[];
    expect(lists.map((l) => l.name)).not.toContain('X');
  });

  it.each([
    ['a name that is one 100,000-letter word', 'x'.repeat(100_000), 'name is longer than 1000 characters'],
    ['a 1,001-character name', 'Name '.repeat(201).trim(), 'name is longer than 1000 characters'],
    ['a 61-letter word', `Acme ${'x'.repeat(61)}`, 'name has a word longer than 60 characters'],
  ])('refuses a list with %s, naming the line, and stores nothing', async (_label, name, expected) => {
    const file = Buffer.from(`name,country,type,aliases\nAcme Trading,NL,company,\n${name},NL,company,\n`);
    const res = await upload(w.io.token, { name: 'Hostile list', format: 'csv' }, file);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('line 3');
    expect(res.body.message).toContain(expected);
    const lists = (await t.http().get('/api/screening/lists').set(bearer(w.io.token))).body as { name: string }[];
    expect(lists.map((l) => l.name)).not.toContain('Hostile list');
    expect((await search(w.io.token, 'name=Acme%20Trading')).body.hits).toEqual([]);
  });

  it('refuses a search for a name or a word beyond the bounds with a 400 naming the field', async () => {
    const long = await search(w.io.token, `name=${'Name%20'.repeat(61)}`);
    expect(long.status).toBe(400);
    expect(long.body.message).toEqual(['name is longer than 300 characters']);
    const word = await search(w.io.token, `name=${'q'.repeat(61)}`);
    expect(word.status).toBe(400);
    expect(JSON.stringify(word.body.message)).toContain('name has a word longer than 60 characters');
    expect((await search(w.io.token, `name=${'q'.repeat(60)}`)).status).toBe(200);
  });

  it('refuses a case whose partner name could not be screened, with a 400 naming the field', async () => {
    const word = await t
      .http()
      .post('/api/cases')
      .set(bearer(w.researcher.token))
      .send(sensitivePartnership({ partners: [{ name: `Acme ${'x'.repeat(61)}`, country: 'NL', type: 'company' }] }));
    expect(word.status).toBe(400);
    expect(word.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(word.body.message)).toContain('name has a word longer than 60 characters');
    const long = await t
      .http()
      .post('/api/cases')
      .set(bearer(w.researcher.token))
      .send(sensitivePartnership({ partners: [{ name: 'Name '.repeat(61).trim(), country: 'NL', type: 'company' }] }));
    expect(long.status).toBe(400);
    const fine = await t
      .http()
      .post('/api/cases')
      .set(bearer(w.researcher.token))
      .send(sensitivePartnership({ partners: [{ name: `Acme ${'x'.repeat(60)}`, country: 'NL', type: 'company' }] }));
    expect(fine.status).toBe(201);
  });

  it('searches names with calibrated scores and reasons, for the IO and reviewers only', async () => {
    const res = await search(w.ksMember.token, 'name=Harbin%20Inst.%20of%20Tech.&country=CN');
    expect(res.status).toBe(200);
    expect(res.body.hits[0]).toEqual({
      list: 'Test list',
      listKind: 'sanctions',
      entityName: 'Harbin Institute of Technology',
      matchedName: expect.any(String),
      country: 'CN',
      score: expect.any(Number),
      reasons: expect.arrayContaining([expect.any(String)]),
    });
    expect(res.body.hits[0].score).toBeGreaterThanOrEqual(0.9);
    const original = await search(w.io.token, `name=${encodeURIComponent('哈尔滨工业大学')}`);
    expect(original.body.hits[0]?.entityName).toBe('Harbin Institute of Technology');
    const unrelated = await search(w.io.token, 'name=University%20of%20Oxford&country=GB');
    expect(unrelated.body.hits.filter((h: { score: number }) => h.score >= 0.7)).toEqual([]);
    expect(res.body.hits.length).toBeLessThanOrEqual(10);
    expect((await search(w.researcher.token, 'name=Harbin')).status).toBe(403);
    expect((await search(w.io.token, 'country=CN')).status).toBe(400);
  });

  it('routes a case whose partner is listed to knowledge_security, naming the list and entity; the applicant sees neither', async () => {
    const draft = await w.draft(
      sensitivePartnership({
        technologyAreas: [],
        dualUse: { annexICategories: [], militaryEndUse: false, misusePotential: false },
        partners: [{ name: 'Rosoboronexport JSC', country: 'RU', type: 'company' }],
      }),
    );
    const submitted = await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    const ks = submitted.route.find((r: { committee: string }) => r.committee === 'knowledge_security');
    expect(ks).toBeDefined();
    expect(JSON.stringify(submitted)).not.toContain('Test list');
    expect(submitted.screening).toBeUndefined();

    const asIo = await w.expectOk(await w.get(w.io, `/cases/${draft.id}`));
    expect(asIo.screening.hits).toEqual([
      expect.objectContaining({
        partnerName: 'Rosoboronexport JSC',
        list: 'Test list',
        entityName: 'Rosoboronexport, JSC',
      }),
    ]);
    expect(asIo.screening.hits[0].score).toBeGreaterThanOrEqual(0.7);
    const reason = asIo.route
      .find((r: { committee: string }) => r.committee === 'knowledge_security')
      .reasons.find((x: { rule: string }) => x.rule === 'screening-list-match');
    expect(reason.message).toContain('Test list');
    expect(reason.message).toContain('Rosoboronexport, JSC');
    expect(reason.message).toMatch(/legal designation/);
  });

  it('says when the listing is an assessment rather than a legal designation', async () => {
    const res = await upload(
      w.io.token,
      { name: 'Defence universities', format: 'csv', kind: 'assessment' },
      Buffer.from('name,country,type,aliases\nNational University of Defense Technology,CN,university,NUDT\n'),
    );
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe('assessment');
    const draft = await w.draft(
      sensitivePartnership({
        partners: [{ name: 'Natl. Univ. of Defence Technology', country: 'CN', type: 'university' }],
      }),
    );
    await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    const asIo = await w.expectOk(await w.get(w.io, `/cases/${draft.id}`));
    const reason = asIo.route
      .find((r: { committee: string }) => r.committee === 'knowledge_security')
      .reasons.find((x: { rule: string }) => x.rule === 'screening-list-match');
    expect(reason.message).toContain('Defence universities');
    expect(reason.message).toMatch(/assessment/);
  });

  it('screens open cases again when a list is re-imported, recording new hits in their history', async () => {
    // Re-screening jobs of earlier imports finish first: one still running could find the new hit
    // before this import's job does (it would screen the new case against the new version too).
    await eventually(
      async () =>
        (await t.app
          .get(DataSource)
          .getRepository(Job)
          .countBy([
            { type: 'rescreen', status: 'queued' },
            { type: 'rescreen', status: 'running' },
          ])) === 0,
      'the re-screening jobs of earlier imports',
    );
    const partner = { name: 'Ural Optical Mechanical Plant', country: 'RU', type: 'company' };
    const draft = await w.draft(sensitivePartnership({ partners: [partner] }));
    const submitted = await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    expect((await w.get(w.io, `/cases/${draft.id}`)).body.screening.hits).toEqual([]);

    const next = Buffer.concat([PARTNERS_CSV, Buffer.from('Ural Optical and Mechanical Plant,RU,company,UOMZ\n')]);
    const res = await upload(w.io.token, { name: 'Test list', format: 'csv' }, next);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      unchanged: false,
      version: {
        version: 2,
        added: 1,
        removed: 0,
        changes: { added: ['Ural Optical and Mechanical Plant'], removed: [] },
      },
    });
    // The import answers once the version is stored; a background job screens the open cases.
    expect(res.body.rescreenJobId).toEqual(expect.any(String));
    expect((await t.http().get(`/api/jobs/${res.body.rescreenJobId}`).set(bearer(w.researcher.token))).status).toBe(
      403,
    );
    const job = await waitForJob(t, w.io.token, res.body.rescreenJobId);
    expect(job).toMatchObject({ type: 'rescreen', status: 'done', finishedAt: expect.any(String) });
    expect(job.progress.done).toBe(job.progress.total);
    expect(job.progress.total).toBeGreaterThanOrEqual(1);
    expect(job.result).toMatchObject({ screened: job.progress.total });
    expect(job.result?.casesWithNewHits).toBeGreaterThanOrEqual(1);
    expect((await t.http().get(`/api/jobs/${job.id}`).set(bearer(w.admin))).body).toEqual(job);

    const after = await w.expectOk(await w.get(w.io, `/cases/${draft.id}`));
    expect(after.screening.hits).toEqual([
      expect.objectContaining({ partnerName: partner.name, entityName: 'Ural Optical and Mechanical Plant' }),
    ]);
    expect(after.version).toBe(submitted.version + 1);
    const ioHistory = (await w.get(w.io, `/cases/${draft.id}/history`)).body as {
      action: string;
      actor: { id: string | null };
      details: Record<string, unknown>;
    }[];
    const rescreened = ioHistory.find((e) => e.action === 'rescreened');
    expect(rescreened).toMatchObject({ actor: { id: w.io.id }, details: { newHits: 1 } });
    const applicantHistory = (await w.get(w.researcher, `/cases/${draft.id}/history`)).body as { action: string }[];
    expect(applicantHistory.map((e) => e.action)).not.toContain('rescreened');
    expect(await w.expectOk(await w.get(w.io, `/cases/${draft.id}/history/verification`))).toMatchObject({
      valid: true,
    });
  });

  it('screens and routes again when the applicant changes partners in answer to a question at triage', async () => {
    const draft = await w.draft(benignPartnership());
    expect((await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`))).route).toEqual([]);
    await w.expectOk(
      await w.post(w.io, `/cases/${draft.id}/request-information`, { questions: 'Who funds the work?' }),
    );
    const listed = { name: 'Rosoboronexport JSC', country: 'RU', type: 'company' };
    const answered = await w.expectOk(
      await w.post(w.researcher, `/cases/${draft.id}/respond`, {
        answer: 'A new industrial partner joins.',
        changes: { partners: [listed] },
      }),
    );
    expect(answered.status).toBe('triage');
    expect(answered.route.map((r: { committee: string }) => r.committee)).toContain('knowledge_security');
    expect(answered.screening).toBeUndefined();

    const asIo = await w.expectOk(await w.get(w.io, `/cases/${draft.id}`));
    expect(asIo.screening.hits).toEqual([
      expect.objectContaining({ partnerName: listed.name, entityName: 'Rosoboronexport, JSC' }),
    ]);
    // Confirming the proposed route now opens a review instead of clearing the case.
    const confirmed = await w.expectOk(await w.post(w.io, `/cases/${draft.id}/triage`, {}));
    expect(confirmed.status).toBe('in_review');
    expect(confirmed.stages.map((s: { committee: string }) => s.committee)).toContain('knowledge_security');
  });

  it('opens a stage for a committee that a partner change made necessary while a committee waited for an answer', async () => {
    const kase = await w.inReview(riskyMobility());
    expect(kase.stages.map((s: { committee: string }) => s.committee)).toEqual(['risk_destinations']);
    await w.expectOk(
      await w.post(w.rdChair, `/cases/${kase.id}/stages/risk_destinations/decision`, {
        decision: 'request_information',
        rationale: 'Need the host',
        questions: 'Who hosts you?',
      }),
    );
    const partners = [...kase.partners, { name: 'Rosoboronexport JSC', country: 'RU', type: 'company' }];
    await w.expectOk(await w.patch(w.researcher, `/cases/${kase.id}`, { partners }));
    const answered = await w.expectOk(
      await w.post(w.researcher, `/cases/${kase.id}/respond`, { answer: 'The second host is an industrial partner.' }),
    );
    expect(answered.status).toBe('in_review');
    const stages = Object.fromEntries(
      answered.stages.map((s: { committee: string; status: string }) => [s.committee, s.status]),
    );
    expect(stages).toMatchObject({ risk_destinations: 'open', knowledge_security: 'open' });

    const history = (await w.get(w.io, `/cases/${kase.id}/history`)).body as {
      action: string;
      details: Record<string, unknown>;
    }[];
    const answer = history.find((e) => e.action === 'information_provided');
    expect(answer?.details).toMatchObject({
      addedStages: expect.arrayContaining(['knowledge_security']),
      newScreeningHits: 1,
    });
    expect((await w.get(w.ksChair, `/cases/${kase.id}`)).status).toBe(200);
  });

  it('reviews again, in a new stage, a committee that had decided before the answer brought a listed partner', async () => {
    const kase = await w.inReview(sensitivePartnership());
    expect(kase.stages.map((s: { committee: string }) => s.committee).sort()).toEqual([
      'dual_use_ethics',
      'knowledge_security',
    ]);
    await w.decideStage(kase.id, 'knowledge_security', w.ksChair, w.ksMember, {
      decision: 'approve',
      rationale: 'No concerns',
    });
    await w.expectOk(
      await w.post(w.dueChair, `/cases/${kase.id}/stages/dual_use_ethics/decision`, {
        decision: 'request_information',
        rationale: 'Who else?',
        questions: 'Any other partners?',
      }),
    );
    // An answer without changes opens nothing.
    const plain = await w.expectOk(await w.post(w.researcher, `/cases/${kase.id}/respond`, { answer: 'No others.' }));
    expect(plain.stages).toHaveLength(2);
    await w.expectOk(
      await w.post(w.dueChair, `/cases/${kase.id}/stages/dual_use_ethics/decision`, {
        decision: 'request_information',
        rationale: 'Sure?',
        questions: 'Really none?',
      }),
    );
    const partners = [...kase.partners, { name: 'Rosoboronexport JSC', country: 'RU', type: 'company' }];
    const answered = await w.expectOk(
      await w.post(w.researcher, `/cases/${kase.id}/respond`, { answer: 'One more.', changes: { partners } }),
    );
    const ks = answered.stages
      .filter((s: { committee: string }) => s.committee === 'knowledge_security')
      .map((s: { status: string }) => s.status);
    expect(ks).toEqual(['decided', 'open']);
    // The case cannot be approved without knowledge security's second look.
    await w.decideStage(kase.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'approve',
      rationale: 'Fine',
    });
    expect((await w.get(w.io, `/cases/${kase.id}`)).body.status).toBe('in_review');
  });

  it('keeps one consistent version history when imports of one list run at once (201, or 409 for a loser)', async () => {
    const contents = [1, 2, 3, 4].map((n) =>
      Buffer.from(`name,country,type,aliases\nParallel Entity ${n},RU,company,\nShared Entity,RU,company,\n`),
    );
    const attempt = () =>
      Promise.all(contents.map((file) => upload(w.io.token, { name: 'Parallel list', format: 'csv' }, file)));
    const results = [...(await attempt()), ...(await attempt())];
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = results.filter((r) => r.status === 201 && !r.body.unchanged);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const listId = created[0].body.id;
    const versions = (await t.http().get(`/api/screening/lists/${listId}/versions`).set(bearer(w.io.token))).body as {
      version: number;
      entries: number;
    }[];
    // One version per successful import, numbered without gaps or twins.
    expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual(created.map((_, i) => i + 1));
    const lists = (await t.http().get('/api/screening/lists').set(bearer(w.io.token))).body as {
      id: string;
      entries: number;
      current: { version: number };
    }[];
    expect(lists.filter((l) => l.id === listId)).toEqual([
      expect.objectContaining({ entries: 2, current: expect.objectContaining({ version: created.length }) }),
    ]);
  });

  it('imports FollowTheMoney JSON lines', async () => {
    const res = await upload(
      w.io.token,
      { name: 'OpenSanctions excerpt', format: 'ftm' },
      readFileSync(join(FIXTURES, 'opensanctions.ftm.jsonl')),
      'entities.ftm.json',
    );
    expect(res.status).toBe(201);
    expect(res.body.entries).toBeGreaterThan(0);
    const lists = await t.http().get('/api/screening/lists').set(bearer(w.ksChair.token));
    expect(lists.body.map((l: { name: string }) => l.name)).toEqual(
      expect.arrayContaining(['OpenSanctions excerpt', 'Test list', 'Defence universities']),
    );
    const hits = (await search(w.io.token, `name=${encodeURIComponent('Олег Михайлович Свириденко')}`)).body.hits;
    expect(hits[0]?.entityName).toBe('Oleg Mikhailovich SVIRIDENKO');
  });
});

describe('screening with an over-long entry already in the database (e2e)', () => {
  const warnings: string[] = [];
  const logger = {
    log: () => undefined,
    error: () => undefined,
    warn: (message: unknown) => void warnings.push(String(message)),
    debug: () => undefined,
    verbose: () => undefined,
  };

  it('starts, searches and screens partners, matching the entry on its bounded name', async () => {
    const first = await TestApp.start();
    const databaseUrl = process.env.DATABASE_URL!;
    const [researcher, io] = await Promise.all([
      first.createUser(['researcher']),
      first.createUser(['international_office']),
    ]);
    const draft = await first
      .http()
      .post('/api/cases')
      .set(bearer(researcher.token))
      .send(sensitivePartnership({ partners: [{ name: 'Rosoboronexport JSC', country: 'RU', type: 'company' }] }));
    expect(draft.status).toBe(201);
    // Written as an entry stored before the importers bounded names would be, bypassing them.
    const huge = 'q'.repeat(100_000);
    // Through the application's TransactionRunner: on SQLite it queues this behind the transactions of its jobs.
    await first.app.get(TransactionRunner).run(async (manager) => {
      const list = await manager.save(
        Object.assign(new ScreeningList(), {
          name: 'Legacy list',
          kind: 'sanctions',
          format: 'csv',
          currentVersionId: null,
        }),
      );
      const version = await manager.save(
        Object.assign(new ScreeningListVersion(), {
          listId: list.id,
          version: 1,
          importedAt: first.now(),
          importedById: null,
          source: 'legacy.csv',
          checksum: '0'.repeat(64),
          entries: 2,
          aliases: 1,
          added: 2,
          removed: 0,
          changes: { added: [], removed: [] },
        }),
      );
      const entry = (externalId: string, name: string, aliases: string[]) => ({
        id: randomUUID(),
        listId: list.id,
        externalId,
        name,
        aliases,
        countries: ['RU'],
        entityType: 'organization' as const,
        programs: [],
      });
      await manager.insert(ScreeningEntry, [
        entry('huge', huge, [`Legacy ${'z'.repeat(40_000)} Works`]),
        entry('normal', 'Rosoboronexport, JSC', []),
      ]);
      await manager.update(ScreeningList, { id: list.id }, { currentVersionId: version.id });
    });
    await first.close();

    process.env.DATABASE_URL = databaseUrl;
    const app = await createApp({ logger });
    try {
      const http = () => request(app.getHttpServer());
      const hits = await http()
        .get(`/api/screening/search?name=${'q'.repeat(60)}`)
        .set(bearer(io.token));
      expect(hits.status).toBe(200);
      expect(hits.body.hits[0]).toMatchObject({ list: 'Legacy list', score: 1 });
      expect(hits.body.hits[0].entityName.length).toBeLessThanOrEqual(1001);
      expect(warnings.join('\n')).toContain('is longer than 1000 characters');

      const submitted = await http().post(`/api/cases/${draft.body.id}/submit`).set(bearer(researcher.token)).send({});
      expect(submitted.status).toBe(200);
      const asIo = await http().get(`/api/cases/${draft.body.id}`).set(bearer(io.token));
      expect(asIo.body.screening.hits).toEqual([
        expect.objectContaining({ list: 'Legacy list', entityName: 'Rosoboronexport, JSC' }),
      ]);
      expect((await http().get('/api/health')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the import command refuses hostile files with one line (e2e)', () => {
  const root = join(__dirname, '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'screening-import-'));
  // Runs scripts/screening-import.ts as `npm run screening:import` does, compiled on the fly by swc.
  const register = join(dir, 'register.js');
  writeFileSync(
    register,
    `const { transformSync } = require(${JSON.stringify(require.resolve('@swc/core'))});
const { readFileSync } = require('node:fs');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
`,
  );
  const unList = (doctype: string, name: string) =>
    `<?xml version="1.0"?>\n${doctype}\n<CONSOLIDATED_LIST><ENTITIES><ENTITY><REFERENCE_NUMBER>E1</REFERENCE_NUMBER>` +
    `<FIRST_NAME>${name}</FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>\n`;
  const files: Record<string, string> = {
    'external-entity.xml': unList('<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '&x;'),
    'entity-expansion.xml': unList(
      `<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY a "${'A'.repeat(10_000)}">]>`,
      '&a;'.repeat(2_000),
    ),
    'deep.xml': `<CONSOLIDATED_LIST>${'<a>'.repeat(50_000)}x${'</a>'.repeat(50_000)}</CONSOLIDATED_LIST>`,
    'long-word.csv': `name,country,type,aliases\n${'x'.repeat(100_000)},RU,company,\n`,
  };
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);

  const run = (format: string, file: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['-r', register, join(root, 'scripts', 'screening-import.ts'), '--format', format, '--name', 'Hostile', file],
        {
          cwd: root,
          env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: `sqlite:${join(dir, `${format}.sqlite`)}` },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it.each([
    ['un-xml', 'external-entity.xml', 'document: XML refused: External entities are not supported'],
    ['un-xml', 'entity-expansion.xml', 'document: XML refused:'],
    ['un-xml', 'deep.xml', 'document: XML refused:'],
    ['csv', 'long-word.csv', 'line 2: name is longer than 1000 characters'],
    ['un-xml', 'missing.xml', 'cannot read'],
  ])('%s %s', async (format, file, expected) => {
    const { code, stdout, stderr } = await run(format, join(dir, file));
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((line) => line.trim() !== '' && !line.includes('WARN'));
    expect(lines).toEqual([expect.stringMatching(/^Import refused: .*The version in force is unchanged\.$/)]);
    expect(lines[0]).toContain(expected);
    expect(`${stdout}${stderr}`).not.toMatch(/^\s+at /m);
  });
});

describe('a large list import (e2e)', () => {
  it('keeps answering health checks while the new version is indexed', async () => {
    const t = await TestApp.start();
    try {
      const io = await t.createUser(['international_office']);
      const rows = Array.from({ length: 50_000 }, (_, i) => `Large List Entity ${i.toString(36)} Trading,RU,company,`);
      const file = Buffer.from(`name,country,type,aliases\n${rows.join('\n')}\n`);
      let answered = false;
      const importing = t
        .http()
        .post('/api/screening/lists')
        .set(bearer(io.token))
        .field('name', 'Large list')
        .field('format', 'csv')
        .attach('file', file, 'large.csv')
        .then((res) => {
          answered = true;
          return res;
        });
      // Once the version is in force (stored, visible) the import builds the match index before it answers;
      // health checks are answered meanwhile, not queued behind the build.
      let inForce = false;
      let answeredWhileIndexing = 0;
      while (!answered) {
        const health = await t.http().get('/api/health');
        expect(health.status).toBe(200);
        if (inForce && !answered) answeredWhileIndexing++;
        if (!inForce) {
          const lists = (await t.http().get('/api/screening/lists').set(bearer(io.token))).body as {
            name: string;
            entries: number;
          }[];
          inForce = lists.some((l) => l.name === 'Large list' && l.entries === 50_000);
        }
      }
      const res = await importing;
      expect(res.status).toBe(201);
      expect(res.body.entries).toBe(50_000);
      expect(answeredWhileIndexing).toBeGreaterThanOrEqual(10);
    } finally {
      await t.close();
    }
  });
});
