import { CaseWorld, sensitivePartnership } from '../support/case-world';
import { TestApp } from '../support/test-app';

/**
 * Hostile text in everything a report could pick up from users: a case title and partner name
 * (which an anonymised report must not show at all), a chair's rationale (shown, escaped) and a
 * committee name an admin chose (shown, escaped). A separate app, so the hostile committee stays out
 * of the golden files.
 */
describe('council reports: hostile text (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let report: Record<string, any>;
  let html: string;
  let markdown: string;

  const TITLE = '<script>alert("title")</script> {{title}} | *Title*';
  const PARTNER = 'Vile <b>Corp</b> | *x* {{partner}}';
  const RATIONALE = '<script>alert("r")</script> {{rationale}} | *really* _bad_ [x](http://e)';
  const COMMITTEE = '<img src=x onerror=alert(1)> {{nameEn}} | *Evil* Committee';

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
    await w.expectOk(
      await w.post(w.admin, '/committees', {
        key: 'hostile_committee',
        nameEn: COMMITTEE,
        nameNl: COMMITTEE,
        quorum: 1,
        reviewTargetWorkingDays: 5,
      }),
      201,
    );
    const kase = await w.inReview(
      sensitivePartnership({ title: TITLE, partners: [{ name: PARTNER, country: 'CN', type: 'university' }] }),
    );
    await w.decideStage(kase.id, 'dual_use_ethics', w.dueChair, w.dueMember, {
      decision: 'reject',
      rationale: RATIONALE,
    });
    const today = t.today();
    report = await w.expectOk(await w.post(w.io, '/reports', { from: today, to: today, language: 'en' }), 201);
    html = (await w.get(w.io, `/reports/${report.id}/html`)).text;
    markdown = (await w.get(w.io, `/reports/${report.id}/markdown`)).text;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps the rationale as data, and lists the rejected case', () => {
    expect(report.data.notable).toHaveLength(1);
    expect(report.data.notable[0]).toMatchObject({ outcome: 'rejected', rationale: RATIONALE });
    expect(report.data.byCommittee.map((c: { name: string }) => c.name)).toContain(COMMITTEE);
  });

  it('never shows the title or the partner name, not even escaped', () => {
    for (const out of [html, markdown, JSON.stringify(report.data)]) {
      for (const text of [
        'alert("title")',
        'alert(\\"title\\")',
        'title")',
        'Vile',
        'Corp',
        '{{title}}',
        '{{partner}}',
      ])
        expect(out).not.toContain(text);
    }
  });

  it('escapes the rationale and the committee name in HTML', () => {
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;r&quot;)&lt;/script&gt; {{rationale}} | *really* _bad_ [x](http://e)',
    );
    expect(html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; {{nameEn}} | *Evil* Committee');
  });

  it('escapes the rationale and the committee name in Markdown', () => {
    expect(markdown).not.toMatch(/<script|<img|<b>/i);
    expect(markdown).toContain(
      '&lt;script&gt;alert\\("r"\\)&lt;/script&gt; \\{\\{rationale\\}\\} \\| \\*really\\* \\_bad\\_ \\[x\\]\\(http://e\\)',
    );
    expect(markdown).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; \\{\\{nameEn\\}\\} \\| \\*Evil\\* Committee');
    expect(markdown).not.toContain('*Evil*');
    // The committee's rows (decisions: 7 columns, turnaround: 6) keep their cells: its name adds none.
    const rows = markdown.split('\n').filter((l) => l.includes('Evil'));
    expect(rows).toHaveLength(2);
    expect(rows[0].replace(/\\\|/g, '').split('|').length).toBe(9);
    expect(rows[1].replace(/\\\|/g, '').split('|').length).toBe(8);
  });

  it('renders the same bytes on every call', async () => {
    for (const format of ['html', 'markdown']) {
      const again = await w.get(w.io, `/reports/${report.id}/${format}`);
      expect(again.text).toBe(format === 'html' ? html : markdown);
    }
  });
});
