import { CaseWorld } from '../support/case-world';
import { PageSession } from '../support/page-session';
import { TestApp } from '../support/test-app';

/** The closure days page of the International Office: the same service and rules as /api/calendar/closures. */
describe('pages: closure days (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  const closures = async (year: number) =>
    (await w.get(w.io, `/calendar/closures?year=${year}`)).body as { date: string; reason: string }[];

  it('lists a year, adds a day with its reason and removes it again, with CSRF forms; a hostile reason is text', async () => {
    const session = await PageSession.signIn(t, w.io.email);
    const year = Number(t.today().slice(0, 4)) + 2;
    const page = await session.get(`/closures?year=${year}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<h1>Closure days ${year}</h1>`);
    expect(page.text).toContain(`No closure days in ${year}.`);

    const reason = '<script>alert("closed")</script> Rector’s day';
    const forged = await session.post('/closures', { date: `${year}-05-02`, reason }, false);
    expect(forged.status).toBe(403);
    expect(await closures(year)).toEqual([]);

    const added = await session.post('/closures', { date: `${year}-05-02`, reason });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/closures?year=${year}`);
    expect(await closures(year)).toEqual([{ date: `${year}-05-02`, reason }]);
    const listed = await session.follow(added);
    expect(listed.text).toContain('The closure day is saved.');
    expect(listed.text).toContain(`<td>02/05/${year}</td>`);
    expect(listed.text).not.toContain('<script>alert');
    expect(listed.text).toContain('&lt;script&gt;alert(&quot;closed&quot;)&lt;/script&gt; Rector’s day');

    const removeAction = `/closures/${year}-05-02/remove`;
    expect(listed.text).toContain(`action="${removeAction}"`);
    const removed = await session.post(removeAction, {});
    expect(removed.status).toBe(303);
    expect((await session.follow(removed)).text).toContain('The day is a working day again.');
    expect(await closures(year)).toEqual([]);
    // Removing it again: the service's 404.
    const again = await session.post(removeAction, {});
    expect(again.status).toBe(404);
    expect(again.text).toContain('data-error-code="CLOSURE_NOT_FOUND"');
  });

  it('shows invalid input next to the fields (400), in Dutch too, and stores nothing', async () => {
    const session = await PageSession.signIn(t, w.io.email, undefined, 'nl');
    const year = Number(t.today().slice(0, 4)) + 3;
    const res = await session.post('/closures', { date: `${year}-02-30`, reason: '   ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('data-error-code="VALIDATION_FAILED"');
    expect(res.text).toContain(`<h1>Sluitingsdagen ${year}</h1>`);
    expect(res.text).toMatch(/id="f-date-error"/);
    expect(res.text).toMatch(/id="f-reason-error"/);
    expect(await closures(year)).toEqual([]);
  });

  it('is the International Office’s: others get 403 and no navigation entry', async () => {
    for (const user of [w.researcher, w.ksChair, w.leadership, w.council]) {
      const session = await PageSession.signIn(t, user.email);
      expect((await session.get('/closures')).status).toBe(403);
      expect((await session.get('/')).text).not.toContain('href="/closures"');
      expect((await session.post('/closures', { date: '2030-01-02', reason: 'No' })).status).toBe(403);
    }
    expect(await closures(2030)).toEqual([]);
  });
});
