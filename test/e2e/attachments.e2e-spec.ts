import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'superagent';
import { DataSource } from 'typeorm';
import { UploadSpool } from '../../src/attachments/upload-spool';
import { benignPartnership, CaseWorld, fixture, riskyMobility, sensitivePartnership } from '../support/case-world';
import { conformanceProblems, OpenApiDocument, responseSchema } from '../support/openapi-conformance';
import { setCookie } from '../support/oidc-test-provider';
import { bearer, PASSWORD, TestApp, TestUser } from '../support/test-app';

const MiB = 1024 * 1024;
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** supertest: keep a binary body as a Buffer, whatever its type. */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('attachments (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let document: OpenApiDocument;
  let dataSource: DataSource;

  // A spool folder of this file's own: other test files upload at the same time in other workers.
  const spoolDir = mkdtempSync(join(tmpdir(), 'attachments-e2e-'));

  beforeAll(async () => {
    t = await TestApp.start({ UPLOAD_SPOOL_DIR: spoolDir });
    w = await CaseWorld.create(t);
    document = (await t.http().get('/api/docs-json')).body;
    dataSource = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t.close();
    delete process.env.UPLOAD_SPOOL_DIR;
    rmSync(spoolDir, { recursive: true, force: true });
  });

  const download = (user: TestUser | string, caseId: string, attachmentId: string) =>
    w.get(user, `/cases/${caseId}/attachments/${attachmentId}`).buffer(true).parse(binary);
  const list = (user: TestUser, caseId: string) => w.get(user, `/cases/${caseId}/attachments`);
  const history = async (user: TestUser, caseId: string) =>
    (await w.expectOk(await w.get(user, `/cases/${caseId}/history`))) as unknown as {
      action: string;
      actor: { id: string | null; name: string };
      details: Record<string, any>;
    }[];
  const conforms = (body: unknown, method: string, path: string, status: number) =>
    expect(conformanceProblems(document, responseSchema(document, method, path, status), body)).toEqual([]);

  /** What the database holds: documents, chunks and audit events, to show a refusal stored nothing. */
  async function stored(caseId: string) {
    const count = async (sql: string) => Number((await dataSource.query(sql, [caseId]))[0].n);
    const p = dataSource.options.type === 'postgres' ? '$1' : '?';
    return {
      attachments: await count(`SELECT COUNT(*) AS n FROM attachments WHERE "caseId" = ${p}`),
      chunks: await count(
        `SELECT COUNT(*) AS n FROM attachment_chunks c JOIN attachments a ON a.id = c."attachmentId" WHERE a."caseId" = ${p}`,
      ),
      events: await count(`SELECT COUNT(*) AS n FROM case_events WHERE "caseId" = ${p}`),
    };
  }

  /** A case in information_requested: submitted, then asked at triage. */
  async function askedAtTriage(body: object = benignPartnership()) {
    const draft = await w.draft(body);
    await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
    await w.expectOk(
      await w.post(w.io, `/cases/${draft.id}/request-information`, { questions: 'Please send the draft agreement.' }),
    );
    return draft;
  }

  it('documents the upload as multipart/form-data, the download as binary with its headers, and their codes', () => {
    const upload = document.paths['/api/cases/{id}/attachments'].post as any;
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toEqual(
      expect.objectContaining({ type: 'string', format: 'binary' }),
    );
    expect(upload.responses['413'].content['application/json'].schema.properties.code.enum).toContain(
      'ATTACHMENT_TOO_LARGE',
    );
    expect(upload.responses['415'].content['application/json'].schema.properties.code.enum).toEqual([
      'ATTACHMENT_EXTENSION_MISMATCH',
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    ]);
    expect(upload.responses['409'].content['application/json'].schema.properties.code.enum).toContain(
      'ATTACHMENT_LIMIT_REACHED',
    );
    const get = document.paths['/api/cases/{id}/attachments/{attachmentId}'].get as any;
    expect(get.responses['200'].content['application/pdf'].schema).toEqual({ type: 'string', format: 'binary' });
    expect(Object.keys(get.responses['200'].headers)).toEqual(
      expect.arrayContaining(['Content-Disposition', 'ETag', 'X-Content-Type-Options']),
    );
    expect(get.responses['304']).toBeDefined();
    expect(get.responses['500'].content['application/json'].schema.properties.code.enum).toEqual([
      'ATTACHMENT_INTEGRITY_FAILED',
    ]);
    expect(get.responses['404'].content['application/json'].schema.properties.code.enum).toEqual(
      expect.arrayContaining(['ATTACHMENT_NOT_FOUND', 'CASE_NOT_FOUND']),
    );
  });

  describe('types read from the content', () => {
    const accepted: [string, string, string][] = [
      ['export-classification.pdf', 'export_classification', 'application/pdf'],
      [
        'project-description.docx',
        'project_description',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      ['partners.xlsx', 'partner_information', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [
        'partner-information.pptx',
        'partner_information',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      ],
      ['agreement-draft.odt', 'agreement_draft', 'application/vnd.oasis.opendocument.text'],
      ['budget.ods', 'other', 'application/vnd.oasis.opendocument.spreadsheet'],
      ['site-plan.png', 'other', 'image/png'],
      ['photo.jpg', 'other', 'image/jpeg'],
      ['notes.txt', 'other', 'text/plain; charset=utf-8'],
    ];

    it('stores every accepted type and serves back the exact bytes with their headers', async () => {
      const draft = await w.draft(benignPartnership());
      for (const [name, kind, contentType] of accepted) {
        const content = fixture(name);
        const res = await w.upload(w.researcher, draft.id, kind, content, name);
        expect({ name, status: res.status }).toEqual({ name, status: 201 });
        conforms(res.body, 'post', '/api/cases/{id}/attachments', 201);
        expect(res.body).toEqual({
          id: expect.any(String),
          kind,
          filename: name,
          contentType,
          size: content.length,
          sha256: sha256(content),
          uploadedBy: { id: w.researcher.id, name: w.researcher.name },
          uploadedAt: expect.any(String),
        });

        const got = await download(w.researcher, draft.id, res.body.id);
        expect(got.status).toBe(200);
        expect((got.body as Buffer).equals(content)).toBe(true);
        expect(got.headers['content-type']).toBe(contentType);
        expect(got.headers['content-length']).toBe(String(content.length));
        expect(got.headers['content-disposition']).toBe(
          `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        );
        expect(got.headers['x-content-type-options']).toBe('nosniff');
        expect(got.headers.etag).toBe(`"${sha256(content)}"`);
      }
      const listed = await list(w.researcher, draft.id);
      expect(listed.status).toBe(200);
      conforms(listed.body, 'get', '/api/cases/{id}/attachments', 200);
      expect(listed.body.map((a: { filename: string }) => a.filename)).toEqual(accepted.map(([name]) => name));
    });

    it('answers 304 to If-None-Match with the ETag, and offers a non-ASCII name both ways (RFC 6266)', async () => {
      const draft = await w.draft(benignPartnership());
      const doc = await w.attach(w.researcher, draft.id, 'other', 'notes.txt', 'Überblick «partner» 北京.txt');
      expect(doc.filename).toBe('Überblick «partner» 北京.txt');
      const got = await download(w.researcher, draft.id, doc.id);
      expect(got.headers['content-disposition']).toBe(
        `attachment; filename="Uberblick <<partner>> BeiJing.txt"; filename*=UTF-8''%C3%9Cberblick%20%C2%ABpartner%C2%BB%20%E5%8C%97%E4%BA%AC.txt`,
      );
      const again = await w
        .get(w.researcher, `/cases/${draft.id}/attachments/${doc.id}`)
        .set('If-None-Match', `"${doc.sha256}"`);
      expect(again.status).toBe(304);
      expect(again.headers.etag).toBe(`"${doc.sha256}"`);
      const other = await download(w.researcher, draft.id, doc.id).set('If-None-Match', '"something-else"');
      expect(other.status).toBe(200);
    });

    it('cleans the file name: no folders, no control characters', async () => {
      const draft = await w.draft(benignPartnership());
      const res = await w.upload(
        w.researcher,
        draft.id,
        'other',
        fixture('notes.txt'),
        '..\\..\\evil\u202Etxt.exe\u0000.txt',
      );
      expect(res.status).toBe(201);
      expect(res.body.filename).toBe('eviltxt.exe.txt');
    });

    it.each([
      ['elf-executable.pdf', 'elf-executable.pdf', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['windows-executable.pdf', 'windows-executable.pdf', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['page.txt', 'page.txt', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['drawing.svg', 'drawing.svg', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['drawing.svg', 'drawing.txt', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['plain-archive.docx', 'plain-archive.docx', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['utf16-notes.txt', 'utf16-notes.txt', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
      ['project-description.docx', 'project-description.pdf', 'ATTACHMENT_EXTENSION_MISMATCH'],
      ['agreement-draft.odt', 'agreement-draft.docx', 'ATTACHMENT_EXTENSION_MISMATCH'],
      ['export-classification.pdf', 'export-classification.txt', 'ATTACHMENT_EXTENSION_MISMATCH'],
    ])('refuses %s uploaded as %s with 415 %s, storing nothing', async (name, filename, code) => {
      const draft = await w.draft(benignPartnership());
      const before = await stored(draft.id);
      const res = await w.upload(w.researcher, draft.id, 'project_description', fixture(name), filename);
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type', code });
      expect(await stored(draft.id)).toEqual(before);
    });
  });

  describe('bad input: a clear 4xx with a code, nothing stored', () => {
    let caseId: string;
    const post = (user: TestUser = w.researcher) =>
      t.http().post(`/api/cases/${caseId}/attachments`).set(bearer(user.token));
    const boundary = 'attachment-test-boundary';
    const raw = (parts: string[]) => `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;

    beforeAll(async () => {
      caseId = (await w.draft(benignPartnership())).id;
    });

    it.each<[string, () => ReturnType<typeof post>, number, string]>([
      ['a missing file', () => post().field('kind', 'other'), 400, 'ATTACHMENT_FILE_MISSING'],
      [
        'a missing kind',
        () => post().attach('file', fixture('notes.txt'), 'notes.txt'),
        400,
        'ATTACHMENT_KIND_INVALID',
      ],
      [
        'an unknown kind',
        () => post().field('kind', 'secret').attach('file', fixture('notes.txt'), 'notes.txt'),
        400,
        'ATTACHMENT_KIND_INVALID',
      ],
      [
        'two files',
        () =>
          post()
            .field('kind', 'other')
            .attach('file', fixture('notes.txt'), 'a.txt')
            .attach('file', fixture('notes.txt'), 'b.txt'),
        400,
        'ATTACHMENT_ONE_FILE_ONLY',
      ],
      [
        'kind twice',
        () => post().field('kind', 'other').field('kind', 'other').attach('file', fixture('notes.txt'), 'notes.txt'),
        400,
        'ATTACHMENT_FIELD_DUPLICATED',
      ],
      [
        'kind twice, after the file',
        () => post().attach('file', fixture('notes.txt'), 'notes.txt').field('kind', 'other').field('kind', 'other'),
        400,
        'ATTACHMENT_FIELD_DUPLICATED',
      ],
      [
        'an unknown field',
        () => post().field('kind', 'other').field('title', 'x').attach('file', fixture('notes.txt'), 'notes.txt'),
        400,
        'ATTACHMENT_FIELD_UNKNOWN',
      ],
      [
        'the file under another name',
        () => post().field('kind', 'other').attach('document', fixture('notes.txt'), 'notes.txt'),
        400,
        'ATTACHMENT_FIELD_UNKNOWN',
      ],
      [
        'an empty file',
        () => post().field('kind', 'other').attach('file', Buffer.alloc(0), 'empty.txt'),
        400,
        'ATTACHMENT_FILE_EMPTY',
      ],
      [
        'a file without a name',
        () =>
          post()
            .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
            .send(
              raw([
                'Content-Disposition: form-data; name="kind"\r\n\r\nother',
                'Content-Disposition: form-data; name="file"; filename=".."\r\nContent-Type: text/plain\r\n\r\nhello',
              ]),
            ),
        400,
        'ATTACHMENT_FILENAME_INVALID',
      ],
      [
        'a multipart body without a boundary',
        () =>
          post()
            .set('Content-Type', 'multipart/form-data')
            .send(raw(['Content-Disposition: form-data; name="kind"\r\n\r\nother'])),
        400,
        'ATTACHMENT_MULTIPART_MALFORMED',
      ],
      [
        'a truncated multipart body',
        () =>
          post()
            .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
            .send(
              `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello`,
            ),
        400,
        'ATTACHMENT_MULTIPART_MALFORMED',
      ],
      ['a JSON body', () => post().send({ kind: 'other', file: 'aGVsbG8=' }), 400, 'ATTACHMENT_MULTIPART_MALFORMED'],
      [
        'a declared length far over the limit',
        () =>
          post()
            .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
            .set('Content-Length', String(40 * MiB))
            .send(''),
        413,
        'ATTACHMENT_TOO_LARGE',
      ],
    ])('refuses %s', async (_label, send, status, code) => {
      const before = await stored(caseId);
      const spooled = new Set(readdirSync(t.app.get(UploadSpool).directory));
      const res = await send().ok(() => true);
      expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
      expect(typeof res.body.message === 'string' && res.body.message.length > 0).toBe(true);
      expect(await stored(caseId)).toEqual(before);
      expect(readdirSync(t.app.get(UploadSpool).directory).filter((f) => !spooled.has(f))).toEqual([]);
    });

    it('stops reading an over-size file at the limit: 413 before the client has sent the whole body', async () => {
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const port = (server.address() as AddressInfo).port;
      const before = await stored(caseId);
      const total = 64 * MiB;
      const result = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          path: `/api/cases/${caseId}/attachments`,
          method: 'POST',
          headers: {
            ...bearer(w.researcher.token),
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'transfer-encoding': 'chunked',
          },
        });
        let responded = false;
        let sent = 0;
        req.on('response', (res) => {
          responded = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), sent }));
        });
        // The server closes the connection after answering: writes after that may fail.
        req.on('error', (error) => (responded ? undefined : reject(error)));
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
        );
        const chunk = Buffer.alloc(256 * 1024, 'a');
        const pump = () => {
          while (!responded && sent < total) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once('drain', pump);
          }
          if (!responded) req.end(`\r\n--${boundary}--\r\n`);
        };
        pump();
      });
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body)).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
      expect(result.sent).toBeLessThan(total);
      expect(await stored(caseId)).toEqual(before);
    });

    it('accepts a file of exactly 25 MiB', async () => {
      const draft = await w.draft(benignPartnership());
      const content = Buffer.alloc(25 * MiB, 'a');
      const res = await w.upload(w.researcher, draft.id, 'other', content, 'exactly-25-mib.txt');
      expect(res.status).toBe(201);
      expect(res.body.size).toBe(25 * MiB);
      const got = await download(w.researcher, draft.id, res.body.id);
      expect(sha256(got.body as Buffer)).toBe(sha256(content));
    });

    it('refuses the 31st document of a case with 409, before reading it', async () => {
      const draft = await w.draft(benignPartnership());
      for (let i = 1; i <= 30; i++)
        await w.expectOk(await w.upload(w.researcher, draft.id, 'other', Buffer.from(`Note ${i}\n`), `n${i}.txt`), 201);
      const before = await stored(draft.id);
      const res = await w.upload(w.researcher, draft.id, 'other', fixture('notes.txt'), 'one-too-many.txt');
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ATTACHMENT_LIMIT_REACHED');
      expect(await stored(draft.id)).toEqual(before);
      // Removing one makes room again.
      const [first] = (await list(w.researcher, draft.id)).body;
      expect(
        (await t.http().delete(`/api/cases/${draft.id}/attachments/${first.id}`).set(bearer(w.researcher.token)))
          .status,
      ).toBe(204);
      await w.attach(w.researcher, draft.id, 'other');
    });

    it("counts internal documents apart: a full set of them neither blocks nor shows in the applicant's refusals", async () => {
      const draft = await w.draft(benignPartnership());
      await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
      await w.expectOk(await w.post(w.io, `/cases/${draft.id}/request-information`, { questions: 'Partner?' }));
      for (let i = 1; i <= 30; i++)
        await w.expectOk(await w.upload(w.io, draft.id, 'internal', Buffer.from(`Internal ${i}\n`), `i${i}.txt`), 201);
      const more = await w.upload(w.io, draft.id, 'internal', fixture('notes.txt'), 'one-more-internal.txt');
      expect(more.status).toBe(409);
      expect(more.body.code).toBe('ATTACHMENT_LIMIT_REACHED');
      // The applicant still adds the proposal's own documents, as if there were no internal ones.
      const own = await w.upload(w.researcher, draft.id, 'partner_information', fixture('notes.txt'), 'partner.txt');
      expect(own.status).toBe(201);
      expect((await list(w.researcher, draft.id)).body.map((a: { filename: string }) => a.filename)).toEqual([
        'partner.txt',
      ]);
    });
  });

  describe('in a browser session', () => {
    /** Password login with a session: the session cookie and its CSRF token. */
    async function openSession(user: TestUser) {
      const res = await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD, session: true });
      expect(res.status).toBe(200);
      const cookie = `pr_session=${setCookie(res, 'pr_session')!.value}`;
      const session = await t.http().get('/api/auth/session').set('Cookie', cookie);
      expect(session.status).toBe(200);
      return { cookie, csrf: session.body.csrfToken as string };
    }

    it('refuses a cross-site form upload or removal (the cookie without the CSRF token) and stores nothing', async () => {
      // A form on another site can post multipart/form-data without a preflight: the token is what stops it.
      const draft = await w.draft(benignPartnership());
      const kept = await w.attach(w.researcher, draft.id, 'other');
      const { cookie, csrf } = await openSession(w.researcher);
      const before = await stored(draft.id);
      const uploadWith = (token?: string) => {
        const call = t.http().post(`/api/cases/${draft.id}/attachments`).set('Cookie', cookie);
        if (token !== undefined) void call.set('X-CSRF-Token', token);
        return call.field('kind', 'other').attach('file', fixture('notes.txt'), 'notes.txt');
      };
      for (const token of [undefined, '', 'forged', csrf.slice(0, -1)]) {
        const res = await uploadWith(token);
        expect({ token, status: res.status, code: res.body.code }).toEqual({
          token,
          status: 403,
          code: 'CSRF_TOKEN_INVALID',
        });
      }
      const removal = await t
        .http()
        .delete(`/api/cases/${draft.id}/attachments/${kept.id}`)
        .set('Cookie', cookie)
        .set('X-CSRF-Token', 'forged');
      expect({ status: removal.status, code: removal.body.code }).toEqual({ status: 403, code: 'CSRF_TOKEN_INVALID' });
      expect(await stored(draft.id)).toEqual(before);

      const res = await uploadWith(csrf);
      expect(res.status).toBe(201);
      const listed = await t.http().get(`/api/cases/${draft.id}/attachments`).set('Cookie', cookie);
      expect(listed.body.map((a: { id: string }) => a.id)).toEqual([kept.id, res.body.id]);
    });
  });

  describe('who may add documents, and when', () => {
    it('the applicant, in draft and while information is requested, not in other statuses', async () => {
      const draft = await w.draft(benignPartnership());
      await w.attach(w.researcher, draft.id, 'project_description', 'project-description.docx');
      await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
      const inTriage = await w.upload(w.researcher, draft.id, 'other', fixture('notes.txt'), 'notes.txt');
      expect({ status: inTriage.status, code: inTriage.body.code }).toEqual({
        status: 409,
        code: 'CASE_STATUS_DOES_NOT_ALLOW',
      });
      await w.expectOk(await w.post(w.io, `/cases/${draft.id}/request-information`, { questions: 'Agreement?' }));
      await w.attach(w.researcher, draft.id, 'agreement_draft', 'agreement-draft.odt');
      const internal = await w.upload(w.researcher, draft.id, 'internal', fixture('notes.txt'), 'notes.txt');
      expect({ status: internal.status, code: internal.body.code }).toEqual({
        status: 403,
        code: 'CASE_ACTION_FORBIDDEN',
      });
    });

    it('internal documents: the International Office and reviewing committees while the case is not final', async () => {
      const kase = await w.inReview(sensitivePartnership());
      await w.attach(w.io, kase.id, 'internal', 'notes.txt', 'triage-notes.txt');
      await w.attach(w.ksMember, kase.id, 'internal', 'partners.xlsx');
      await w.attach(w.dueChair, kase.id, 'internal', 'export-classification.pdf');
      // The applicant never adds internal documents, staff never the applicant's kinds.
      const byApplicant = await w.upload(w.researcher, kase.id, 'internal', fixture('notes.txt'), 'n.txt');
      expect({ status: byApplicant.status, code: byApplicant.body.code }).toEqual({
        status: 409,
        code: 'CASE_STATUS_DOES_NOT_ALLOW',
      });
      const byOffice = await w.upload(w.io, kase.id, 'project_description', fixture('notes.txt'), 'n.txt');
      expect(byOffice.status).toBe(403);
      // A committee without a stage, leadership before escalation, council and admin: not their case.
      for (const user of [w.rdMember, w.leadership, w.council, w.admin]) {
        const res = await w.upload(user, kase.id, 'internal', fixture('notes.txt'), 'n.txt');
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'CASE_NOT_FOUND' });
      }
      // A reviewer who declares a conflict sees the case no more.
      await w.expectOk(
        await w.post(w.ksMember2, `/cases/${kase.id}/conflicts`, {
          committee: 'knowledge_security',
          reason: 'Co-author',
        }),
        201,
      );
      expect((await w.upload(w.ksMember2, kase.id, 'internal', fixture('notes.txt'), 'n.txt')).status).toBe(404);
      // Once the case is final, nothing more.
      const rejected = await w.decideStage(kase.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
        decision: 'reject',
        rationale: 'Not acceptable',
      });
      expect(rejected.status).toBe('rejected');
      const late = await w.upload(w.io, kase.id, 'internal', fixture('notes.txt'), 'n.txt');
      expect({ status: late.status, code: late.body.code }).toEqual({
        status: 409,
        code: 'CASE_STATUS_DOES_NOT_ALLOW',
      });
    });

    it('keeps concurrent uploads to one case: each stored once, the audit chain intact', async () => {
      const draft = await w.draft(benignPartnership());
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          w.upload(w.researcher, draft.id, 'other', Buffer.from(`Parallel note ${i}\n`), `parallel-${i}.txt`),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(new Array(6).fill(201));
      expect((await list(w.researcher, draft.id)).body).toHaveLength(6);
      expect((await w.expectOk(await w.get(w.researcher, `/cases/${draft.id}`))).version).toBe(7);
      expect((await history(w.researcher, draft.id)).filter((e) => e.action === 'attachment_added')).toHaveLength(6);
    });
  });

  describe('removal', () => {
    it('by the uploader while the case is a draft: 204, gone, and in the audit trail', async () => {
      const draft = await w.draft(benignPartnership());
      const doc = await w.attach(w.researcher, draft.id, 'other');
      const keep = await w.attach(w.researcher, draft.id, 'project_description', 'project-description.docx');
      const del = (user: TestUser, id: string) =>
        t.http().delete(`/api/cases/${draft.id}/attachments/${id}`).set(bearer(user.token));
      expect((await del(w.otherResearcher, doc.id)).status).toBe(404);
      expect((await del(w.io, doc.id)).status).toBe(404);
      const res = await del(w.researcher, doc.id);
      expect(res.status).toBe(204);
      expect((await del(w.researcher, doc.id)).status).toBe(404);
      expect((await download(w.researcher, draft.id, doc.id)).status).toBe(404);
      expect((await list(w.researcher, draft.id)).body.map((a: { id: string }) => a.id)).toEqual([keep.id]);
      expect(await stored(draft.id)).toMatchObject({ attachments: 1, chunks: 1 });
      const removed = (await history(w.researcher, draft.id)).find((e) => e.action === 'attachment_removed');
      expect(removed?.details.attachment).toMatchObject({ id: doc.id, filename: 'notes.txt', sha256: doc.sha256 });

      await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
      const afterSubmit = await del(w.researcher, keep.id);
      expect({ status: afterSubmit.status, code: afterSubmit.body.code }).toEqual({
        status: 409,
        code: 'CASE_STATUS_DOES_NOT_ALLOW',
      });
    });
  });

  describe('visibility and the audit trail', () => {
    it('hides internal documents from the applicant everywhere, and records downloads by everyone else', async () => {
      const draft = await w.draft(sensitivePartnership());
      const description = await w.attach(w.researcher, draft.id, 'project_description', 'project-description.docx');
      await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
      await w.expectOk(await w.post(w.io, `/cases/${draft.id}/triage`, {}));
      const internal = await w.attach(w.ksChair, draft.id, 'internal', 'notes.txt', 'assessment.txt');

      // Lists.
      const ids = async (user: TestUser) =>
        ((await w.expectOk(await list(user, draft.id))) as unknown as { id: string }[]).map((a) => a.id);
      expect(await ids(w.researcher)).toEqual([description.id]);
      expect(await ids(w.io)).toEqual([description.id, internal.id]);
      expect(await ids(w.ksMember)).toEqual([description.id, internal.id]);
      expect(await ids(w.dueMember)).toEqual([description.id, internal.id]);
      for (const user of [w.otherResearcher, w.rdMember, w.leadership, w.council]) {
        expect((await list(user, draft.id)).status).toBe(404);
        expect((await download(user, draft.id, description.id)).status).toBe(404);
      }
      const asApplicant = await download(w.researcher, draft.id, internal.id);
      expect({ status: asApplicant.status, code: JSON.parse(asApplicant.body.toString()).code }).toEqual({
        status: 404,
        code: 'ATTACHMENT_NOT_FOUND',
      });

      // Downloads: the applicant's are not recorded, everyone else's are.
      const eventsBefore = (await stored(draft.id)).events;
      expect((await download(w.researcher, draft.id, description.id)).status).toBe(200);
      expect((await stored(draft.id)).events).toBe(eventsBefore);
      expect((await download(w.io, draft.id, description.id)).status).toBe(200);
      expect((await download(w.ksMember, draft.id, internal.id)).status).toBe(200);
      expect((await stored(draft.id)).events).toBe(eventsBefore + 2);

      const officeView = await history(w.io, draft.id);
      const downloads = officeView.filter((e) => e.action === 'attachment_downloaded');
      expect(downloads.map((e) => [e.actor.id, e.details.attachment.id])).toEqual([
        [w.io.id, description.id],
        [w.ksMember.id, internal.id],
      ]);
      expect(officeView.filter((e) => e.action === 'attachment_added').map((e) => e.details.attachment.id)).toEqual([
        description.id,
        internal.id,
      ]);

      const applicantView = await history(w.researcher, draft.id);
      expect(applicantView.some((e) => e.action === 'attachment_downloaded')).toBe(false);
      expect(applicantView.filter((e) => e.action === 'attachment_added').map((e) => e.details.attachment.id)).toEqual([
        description.id,
      ]);
      expect(JSON.stringify(applicantView)).not.toContain(internal.id);
      expect(JSON.stringify(applicantView)).not.toContain('assessment.txt');

      expect(await w.expectOk(await w.get(w.io, `/cases/${draft.id}/history/verification`))).toMatchObject({
        valid: true,
      });

      // Concurrent downloads each take their own place in the chain.
      const parallel = await Promise.all(
        [w.io, w.ksChair, w.ksMember, w.dueChair].map((user) => download(user, draft.id, description.id)),
      );
      expect(parallel.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect((await stored(draft.id)).events).toBe(eventsBefore + 6);
      expect(await w.expectOk(await w.get(w.io, `/cases/${draft.id}/history/verification`))).toMatchObject({
        valid: true,
      });
    });

    it('a reviewer who declares a conflict sees none of the documents', async () => {
      const kase = await w.inReview(sensitivePartnership());
      const doc = await w.attach(w.io, kase.id, 'internal');
      expect((await download(w.ksMember2, kase.id, doc.id)).status).toBe(200);
      await w.expectOk(
        await w.post(w.ksMember2, `/cases/${kase.id}/conflicts`, { committee: 'knowledge_security', reason: 'Friend' }),
        201,
      );
      expect((await list(w.ksMember2, kase.id)).status).toBe(404);
      expect((await download(w.ksMember2, kase.id, doc.id)).status).toBe(404);
    });
  });

  describe('documents with an answer', () => {
    it('lists the documents uploaded while the information was requested in the answer, and routes again', async () => {
      const draft = await askedAtTriage();
      const before = await w.attach(w.researcher, draft.id, 'agreement_draft', 'agreement-draft.odt');
      const internal = await w.attach(w.io, draft.id, 'internal');
      const answer = await w.expectOk(
        await w.post(w.researcher, `/cases/${draft.id}/respond`, {
          answer: 'Attached: the draft agreement.',
          changes: { partners: [{ name: 'Harbin Institute of Technology', country: 'CN', type: 'university' }] },
        }),
      );
      expect(answer.status).toBe('triage');
      expect(answer.route.map((r: { committee: string }) => r.committee)).toContain('knowledge_security');
      const event = (await history(w.researcher, draft.id)).find((e) => e.action === 'information_provided')!;
      expect(event.details.documents).toEqual([
        { id: before.id, kind: 'agreement_draft', filename: 'agreement-draft.odt', sha256: before.sha256 },
      ]);
      expect(JSON.stringify(event)).not.toContain(internal.id);
    });

    it('says nothing about documents when none came with the answer', async () => {
      const mobility = await w.draft(riskyMobility());
      await w.attach(w.researcher, mobility.id, 'project_description', 'project-description.docx');
      await w.expectOk(await w.post(w.researcher, `/cases/${mobility.id}/submit`));
      await w.expectOk(await w.post(w.io, `/cases/${mobility.id}/request-information`, { questions: 'Dates?' }));
      await w.expectOk(await w.post(w.researcher, `/cases/${mobility.id}/respond`, { answer: 'As planned.' }));
      const event = (await history(w.researcher, mobility.id)).find((e) => e.action === 'information_provided')!;
      expect(event.details.documents).toBeUndefined();
    });
  });

  describe('the upload spool after a crash', () => {
    it('removes at start the spool files an interrupted upload left, and keeps those of uploads in progress', async () => {
      const spool = t.app.get(UploadSpool);
      const left = join(spool.directory, 'left-by-a-crash.upload');
      const running = join(spool.directory, 'in-progress.upload');
      writeFileSync(left, 'partial');
      writeFileSync(running, 'partial');
      utimesSync(left, 1_000, 1_000); // last written long ago
      await spool.onModuleInit();
      expect(existsSync(left)).toBe(false);
      expect(existsSync(running)).toBe(true);
      rmSync(running);
    });
  });

  describe('integrity', () => {
    it('never serves bytes that do not match their sha256: 500, logged, not recorded as a download', async () => {
      const draft = await w.draft(benignPartnership());
      const doc = await w.attach(w.researcher, draft.id, 'export_classification', 'export-classification.pdf');
      await w.expectOk(await w.post(w.researcher, `/cases/${draft.id}/submit`));
      const corrupted = fixture('export-classification.pdf');
      corrupted[100] ^= 0x01;
      const p = (i: number) => (dataSource.options.type === 'postgres' ? `$${i}` : '?');
      await dataSource.query(`UPDATE attachment_chunks SET data = ${p(1)} WHERE "attachmentId" = ${p(2)} AND seq = 0`, [
        corrupted,
        doc.id,
      ]);
      const errors = jest.spyOn(Logger.prototype, 'error');
      try {
        const eventsBefore = (await stored(draft.id)).events;
        const res = await download(w.io, draft.id, doc.id);
        expect(res.status).toBe(500);
        expect(JSON.parse(res.body.toString())).toEqual({
          statusCode: 500,
          error: 'Internal Server Error',
          code: 'ATTACHMENT_INTEGRITY_FAILED',
          message: expect.any(String),
        });
        expect(res.headers['content-disposition']).toBeUndefined();
        expect((await stored(draft.id)).events).toBe(eventsBefore);
        expect(errors).toHaveBeenCalledWith(
          expect.objectContaining({ event: 'attachment_integrity_failed', attachmentId: doc.id }),
        );
      } finally {
        errors.mockRestore();
      }
      // A missing chunk is caught the same way.
      await dataSource.query(`DELETE FROM attachment_chunks WHERE "attachmentId" = ${p(1)}`, [doc.id]);
      expect((await download(w.researcher, draft.id, doc.id)).status).toBe(500);
    });
  });
});
