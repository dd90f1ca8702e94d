import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'superagent';
import { DataSource } from 'typeorm';
import { CaseWorld, fixture, sensitivePartnership } from '../support/case-world';
import { cookiesOf, PageSession } from '../support/page-session';
import { TestApp } from '../support/test-app';

const MiB = 1024 * 1024;

/** supertest: keep a binary body as a Buffer. */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The documents section of the case page: the attachments service and its rules, through a browser's forms. */
describe('pages: documents on the case page (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let dataSource: DataSource;
  const spoolDir = mkdtempSync(join(tmpdir(), 'pages-documents-e2e-'));

  beforeAll(async () => {
    t = await TestApp.start({ UPLOAD_SPOOL_DIR: spoolDir });
    w = await CaseWorld.create(t);
    dataSource = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t?.close();
    delete process.env.UPLOAD_SPOOL_DIR;
    rmSync(spoolDir, { recursive: true, force: true });
  });

  const stored = async (caseId: string) => {
    const p = dataSource.options.type === 'postgres' ? '$1' : '?';
    return Number(
      (await dataSource.query(`SELECT COUNT(*) AS n FROM attachments WHERE "caseId" = ${p}`, [caseId]))[0].n,
    );
  };
  /** The upload form's URL (with its CSRF token) as the page gives it. */
  const uploadAction = (html: string) => {
    const match = /<form method="post" action="([^"]+)" enctype="multipart\/form-data" class="upload-form"/.exec(html);
    return match ? match[1].replace(/&#x3D;/g, '=') : null;
  };
  /** Posts the upload form as the browser would (kind first, then the file), keeping the cookies it sets. */
  const upload = async (session: PageSession, url: string, kind: string, content: Buffer, filename: string) => {
    const res = await t
      .http()
      .post(url)
      .set('Cookie', session.cookieHeader)
      .field('kind', kind)
      .attach('file', content, filename);
    for (const [name, value] of Object.entries(cookiesOf(res))) session.setCookie(name, value);
    return res;
  };
  const kindOptions = (html: string) =>
    [...(/<select id="f-kind"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '').matchAll(/<option value="([^"]*)"/g)]
      .map((m) => m[1])
      .filter(Boolean);
  const section = (html: string) => /<section aria-labelledby="s-documents">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

  it('lets the applicant add a document from the case page (CSRF in the URL) and lists it with a working download link', async () => {
    const draft = await w.draft(sensitivePartnership());
    const session = await PageSession.signIn(t, w.researcher.email);
    const page = await session.get(`/cases/${draft.id}`);
    expect(section(page.text)).toContain('There are no documents yet.');
    const action = uploadAction(page.text);
    expect(action).toMatch(new RegExp(`^/cases/${draft.id}/documents\\?_csrf=[\\w-]+$`));
    // The applicant's kinds, never internal.
    expect(kindOptions(page.text)).toEqual([
      'project_description',
      'agreement_draft',
      'partner_information',
      'export_classification',
      'other',
    ]);

    const forged = await upload(session, `/cases/${draft.id}/documents`, 'other', fixture('notes.txt'), 'notes.txt');
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('data-error-code="CSRF_TOKEN_INVALID"');
    expect(await stored(draft.id)).toBe(0);

    const pdf = fixture('export-classification.pdf');
    const res = await upload(session, action!, 'export_classification', pdf, 'Export check.pdf');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/${draft.id}`);
    const after = await session.follow(res);
    expect(after.text).toContain('The document is added.');
    const [doc] = (await w.get(w.researcher, `/cases/${draft.id}/attachments`)).body;
    const row = new RegExp(`<tr data-document="${doc.id}">[\\s\\S]*?</tr>`).exec(section(after.text))?.[0] ?? '';
    expect(row).toContain(`href="/api/cases/${draft.id}/attachments/${doc.id}"`);
    expect(row).toContain('Export check.pdf');
    expect(row).toContain('Export classification');
    expect(row).toContain(w.researcher.name);
    expect(pdf.length).toBeLessThan(1024);
    expect(row).toContain(`<td class="n">${pdf.length} B</td>`);
    // The link streams the exact bytes with the session cookie alone.
    const download = await t
      .http()
      .get(`/api/cases/${draft.id}/attachments/${doc.id}`)
      .set('Cookie', session.cookieHeader)
      .buffer(true)
      .parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
  });

  it('shows the service’s refusals on the page, translated, and stores nothing: 415 type, 413 size, 409 too many', async () => {
    const draft = await w.draft(sensitivePartnership());
    const session = await PageSession.signIn(t, w.researcher.email);
    const action = uploadAction((await session.get(`/cases/${draft.id}`)).text)!;

    const executable = await upload(session, action, 'other', fixture('elf-executable.pdf'), 'report.pdf');
    expect(executable.status).toBe(415);
    expect(executable.text).toContain('data-error-code="ATTACHMENT_TYPE_NOT_ALLOWED"');
    expect(executable.text).toContain('This type of file is not accepted.');
    // The case page is shown again, upload form included.
    expect(uploadAction(executable.text)).not.toBeNull();

    const huge = await upload(session, action, 'other', Buffer.alloc(25 * MiB + 1, 'a'), 'huge.txt');
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('data-error-code="ATTACHMENT_TOO_LARGE"');
    expect(huge.text).toContain('A document may be at most 25 MB.');
    expect(await stored(draft.id)).toBe(0);

    for (let i = 0; i < 30; i++) await w.attach(w.researcher, draft.id, 'other', 'notes.txt', `notes-${i}.txt`);
    const dutch = await PageSession.signIn(t, w.researcher.email, undefined, 'nl');
    const nlAction = uploadAction((await dutch.get(`/cases/${draft.id}`)).text)!;
    const tooMany = await upload(dutch, nlAction, 'other', fixture('notes.txt'), 'one-more.txt');
    expect(tooMany.status).toBe(409);
    expect(tooMany.text).toContain('data-error-code="ATTACHMENT_LIMIT_REACHED"');
    expect(tooMany.text).toContain('<h2 id="s-documents">Documenten</h2>');
    expect(tooMany.text).not.toContain('one-more.txt');
    expect(await stored(draft.id)).toBe(30);
  });

  it('shows a hostile file name as text, and lets the uploader remove it in draft (CSRF form)', async () => {
    const draft = await w.draft(sensitivePartnership());
    const session = await PageSession.signIn(t, w.researcher.email);
    const action = uploadAction((await session.get(`/cases/${draft.id}`)).text)!;
    const name = "x' onmouseover='alert(1)' & co.txt";
    expect((await upload(session, action, 'other', fixture('notes.txt'), name)).status).toBe(303);
    const page = await session.get(`/cases/${draft.id}`);
    expect(page.text).not.toContain("x' onmouseover='alert(1)'");
    expect(section(page.text)).toContain('x&#x27; onmouseover&#x3D;&#x27;alert(1)&#x27; &amp; co.txt');

    const [doc] = (await w.get(w.researcher, `/cases/${draft.id}/attachments`)).body;
    const removeAction = `/cases/${draft.id}/documents/${doc.id}/remove`;
    expect(page.text).toContain(`action="${removeAction}"`);
    // Nobody else sees a remove button; the International Office does not even see the draft.
    expect((await (await PageSession.signIn(t, w.io.email)).get(`/cases/${draft.id}`)).status).toBe(404);

    expect((await session.post(removeAction, {}, false)).status).toBe(403);
    expect(await stored(draft.id)).toBe(1);
    const removed = await session.post(removeAction, {});
    expect(removed.status).toBe(303);
    expect((await session.follow(removed)).text).toContain('The document is removed.');
    expect(await stored(draft.id)).toBe(0);
  });

  it('never shows the applicant an internal document; the International Office sees and adds them, and removes none', async () => {
    const kase = await w.inReview(sensitivePartnership());
    await w.attach(w.io, kase.id, 'internal', 'notes.txt', 'Confidential screening memo.txt');
    const io = await PageSession.signIn(t, w.io.email);
    const ioPage = await io.get(`/cases/${kase.id}`);
    expect(section(ioPage.text)).toContain('Confidential screening memo.txt');
    expect(section(ioPage.text)).toContain('<span class="badge">Internal</span>');
    expect(kindOptions(ioPage.text)).toEqual(['internal']);
    const added = await upload(io, uploadAction(ioPage.text)!, 'internal', fixture('notes.txt'), 'Second memo.txt');
    expect(added.status).toBe(303);
    expect(section(ioPage.text)).not.toContain('/remove"');
    const chair = await PageSession.signIn(t, w.ksChair.email);
    expect(section((await chair.get(`/cases/${kase.id}`)).text)).toContain('Confidential screening memo.txt');

    const applicant = await PageSession.signIn(t, w.researcher.email);
    const own = await applicant.get(`/cases/${kase.id}`);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('Confidential screening memo');
    expect(own.text).not.toContain('Second memo');
    expect(section(own.text)).toContain('There are no documents yet.');
    // In review the applicant adds nothing: no form, and the service refuses a post anyway.
    expect(uploadAction(own.text)).toBeNull();
    const action = `/cases/${kase.id}/documents?_csrf=${/name="_csrf" value="([^"]+)"/.exec(own.text)![1]}`;
    const refused = await upload(applicant, action, 'internal', fixture('notes.txt'), 'sneaky.txt');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('data-error-code="CASE_STATUS_DOES_NOT_ALLOW"');
    expect(refused.text).not.toContain('sneaky.txt');
    expect(await stored(kase.id)).toBe(2);
  });

  it('answers 404 to a user who may not see the case, for the page and for an upload, storing nothing', async () => {
    const draft = await w.draft(sensitivePartnership());
    for (const user of [w.otherResearcher, w.council]) {
      const session = await PageSession.signIn(t, user.email);
      expect((await session.get(`/cases/${draft.id}`)).status).toBe(404);
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await session.get('/')).text)![1];
      const res = await upload(
        session,
        `/cases/${draft.id}/documents?_csrf=${csrf}`,
        'other',
        fixture('notes.txt'),
        'a.txt',
      );
      expect(res.status).toBe(404);
      expect(res.text).toContain('Page not found');
    }
    expect(await stored(draft.id)).toBe(0);
  });
});
