/// <reference lib="dom" />
import { PASSWORD, TestUser } from '../support/test-app';
import { BrowserWorld, describeInBrowser, Person } from './support/browser';

/**
 * One case, in a real browser, from a researcher's new proposal to the condition confirmed met:
 * triage, reviewer assignment, an opinion, a question and its answer, a decision with
 * conditions; then a council report that the International Office generates, reads and publishes,
 * and a council member reads. Every page visited passes axe-core (WCAG 2.1 AA) and weighs less
 * than 100 KB; the researcher signs in and confirms the condition with the keyboard alone, and the
 * committee works in Dutch. A failing step leaves a screenshot in test/browser/screenshots/.
 */
describeInBrowser('a case and a council report through the pages (browser)', () => {
  let world: BrowserWorld;
  let researcher: TestUser;
  let io: TestUser;
  let chair: TestUser;
  let member: TestUser;
  let councilMember: TestUser;
  const people: Person[] = [];
  let caseUrl = '';

  beforeAll(async () => {
    world = await BrowserWorld.start();
    const t = world.t;
    [researcher, io, chair, member, councilMember] = await Promise.all([
      t.createUser(['researcher']),
      t.createUser(['international_office']),
      t.createUser(['reviewer'], [{ committee: 'dual_use_ethics', chair: true }]),
      t.createUser(['reviewer'], [{ committee: 'dual_use_ethics', chair: false }]),
      t.createUser(['council']),
    ]);
  });

  afterAll(async () => {
    for (const p of people) {
      const heaviest = [...p.weights].sort((a, b) => b.bytes - a.bytes)[0];
      if (heaviest) process.stdout.write(`${p.name}: heaviest page ${heaviest.url} ${heaviest.bytes} bytes\n`);
    }
    await world?.close();
  });

  async function open(name: string): Promise<Person> {
    const person = await world.person(name);
    people.push(person);
    return person;
  }

  /** Signs in through the login page with the mouse and keyboard as anyone would. */
  async function signIn(person: Person, user: TestUser): Promise<void> {
    await person.step('sign-in', async () => {
      await person.goto('/', 'login');
      await person.page.getByLabel(/E-mail/).fill(user.email);
      await person.page.getByLabel(/Password|Wachtwoord/).fill(PASSWORD);
      await person.page.getByRole('button', { name: /^(Sign in|Aanmelden)$/ }).click();
      await person.page.waitForURL((url) => url.pathname === '/');
      await person.checkPage('home');
    });
  }

  const text = (person: Person, selector: string) => person.page.locator(selector).first().innerText();

  it('lets a researcher sign in with the keyboard alone and write a proposal that keeps what was typed', async () => {
    const me = await open('researcher');
    await me.step('keyboard sign-in', async () => {
      await me.goto('/', 'login');
      expect(new URL(me.page.url()).pathname).toBe('/login');
      // The skip link comes first and leads to the content.
      await me.page.keyboard.press('Tab');
      expect(await me.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
      await me.tabTo(/E-mail address/);
      await me.page.keyboard.type(researcher.email);
      await me.page.keyboard.press('Tab');
      await me.page.keyboard.type(PASSWORD);
      await me.page.keyboard.press('Enter');
      await me.page.waitForURL((url) => url.pathname === '/');
      await me.checkPage('home');
      expect(await me.page.getByRole('navigation', { name: 'Main' }).innerText()).toMatch(
        /My cases[\s\S]*New proposal/,
      );
      expect(await me.page.getByRole('navigation', { name: 'Main' }).innerText()).not.toMatch(/Triage|Accounts/);
    });

    await me.step('new proposal', async () => {
      await me.page.getByRole('link', { name: 'New proposal' }).first().click();
      await me.checkPage('proposal-new');
      await me.page.getByLabel('Title').fill('Radar materials for <civil> aviation');
      await me.page.getByLabel('Summary').fill('Joint tests of radar-absorbing coatings for civil aircraft.');
      // Saved without a partner: refused next to the field, and everything typed is still there.
      await me.page.getByRole('button', { name: 'Save draft' }).last().click();
      await me.checkPage('proposal-errors');
      expect(await text(me, '.error-summary')).toContain('Name at least one partner.');
      expect(await me.page.getByLabel('Title').inputValue()).toBe('Radar materials for <civil> aviation');

      await me.page.getByLabel('Name of the organisation').first().fill('Technische Universität München');
      await me.page.getByLabel('Country').first().selectOption('DE');
      await me.page.getByLabel('Type of organisation').first().selectOption('university');
      await me.page
        .getByRole('group', { name: /military or for weapons/ })
        .getByLabel('yes')
        .check();
      await me.page.getByRole('button', { name: 'Save draft' }).last().click();
      await me.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await me.checkPage('case-draft');
      caseUrl = new URL(me.page.url()).pathname;
      expect(await text(me, '.flash')).toBe('The draft is saved.');
      expect(await text(me, 'h1')).toContain('Radar materials for <civil> aviation');
    });

    await me.step('document', async () => {
      // The upload form of the case page: kind first, then the file; its CSRF token is in its URL.
      await me.page.getByLabel('Kind of document').selectOption('project_description');
      await me.page.getByLabel(/^File/).setInputFiles({
        name: 'Project <description>.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Radar-absorbing coatings: test plan for civil aircraft.\n'),
      });
      await me.page.getByRole('button', { name: 'Add the document' }).click();
      await me.page.waitForURL((url) => url.pathname === caseUrl);
      await me.checkPage('case-document');
      expect(await text(me, '.flash')).toBe('The document is added.');
      const row = me.page.locator('section[aria-labelledby="s-documents"] tbody tr').first();
      // The name is cleaned by the service (no angle brackets) and shown as text.
      expect(await row.innerText()).toMatch(/Project _description_\.txt\s+Project description\s+56 B/);
      // The link downloads the exact bytes with the session cookie.
      const [download] = await Promise.all([me.page.waitForEvent('download'), row.getByRole('link').click()]);
      expect(download.suggestedFilename()).toBe('Project _description_.txt');
      expect((await download.failure()) ?? null).toBeNull();
    });

    await me.step('submit', async () => {
      await me.page.getByRole('button', { name: 'Submit the proposal' }).click();
      await me.checkPage('case-submitted');
      expect(await text(me, '.flash')).toContain('The proposal is submitted.');
      expect(await text(me, '.waits-for')).toBe('The International Office: triage');
    });
  });

  it('lets the International Office confirm the proposed route from the triage queue', async () => {
    const office = await open('io');
    await signIn(office, io);
    await office.step('triage', async () => {
      await office.page.getByRole('link', { name: 'Triage' }).first().click();
      await office.checkPage('triage-queue');
      const card = office.page.locator('.card').filter({ hasText: 'Radar materials' });
      expect(await card.innerText()).toMatch(/Ethics Committee on Dual Use[\s\S]*Dual use, military end use or misuse/);
      await card.getByRole('link').click();
      await office.checkPage('case-triage');
      expect(await office.page.getByRole('checkbox', { name: /Dual Use.*\(proposed\)/ }).isChecked()).toBe(true);
      await office.page.getByRole('button', { name: 'Confirm the route' }).click();
      await office.checkPage('case-in-review');
      expect(await text(office, '.flash')).toBe('The route is set.');
      expect(await text(office, '.status')).toBe('In review');
      expect(await office.page.locator('section[aria-labelledby="s-documents"]').innerText()).toContain(
        'Project _description_.txt',
      );
    });
    await office.step('inbox', async () => {
      const inbox = office.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Notifications/ });
      expect(await inbox.innerText()).toMatch(/Notifications\s+1 unread/);
      await inbox.click();
      await office.checkPage('inbox');
      expect(await text(office, '.inbox li.unread')).toContain('Radar materials for <civil> aviation');
      await office.page.getByRole('button', { name: 'Mark all as read' }).click();
      await office.checkPage('inbox-read');
      expect(await text(office, '.flash')).toBe('All notifications are marked as read.');
      expect(await office.page.locator('.inbox li.unread').count()).toBe(0);
      await office.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await office.checkPage('settings');
      expect(await office.page.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    });
    await office.step('closure days', async () => {
      await office.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Closure days' }).click();
      await office.checkPage('closures');
      await office.page.getByLabel(/^Date/).fill('2031-12-24');
      await office.page.getByLabel(/^Reason/).fill('Christmas closure');
      await office.page.getByRole('button', { name: 'Save the closure day' }).click();
      await office.checkPage('closures-2031');
      expect(await text(office, '.flash')).toBe('The closure day is saved.');
      expect(await office.page.getByRole('row', { name: /24\/12\/2031 Christmas closure/ }).count()).toBe(1);
    });
  });

  it('lets the chair (in Dutch) assign a reviewer, who gives an opinion, and ask the applicant a question', async () => {
    const chairTab = await open('chair');
    await signIn(chairTab, chair);
    await chairTab.step('switch to Dutch', async () => {
      await chairTab.page.getByRole('button', { name: 'Nederlands' }).click();
      await chairTab.checkPage('home-nl');
      expect(await chairTab.page.locator('html').getAttribute('lang')).toBe('nl');
      expect(await text(chairTab, 'h1')).toBe('Overzicht');
    });
    await chairTab.step('assign', async () => {
      await chairTab.page.getByRole('link', { name: 'Te beoordelen' }).first().click();
      await chairTab.checkPage('review-queue-nl');
      await chairTab.page
        .locator('section', { hasText: 'Wacht op mijn beslissing' })
        .getByRole('link', { name: /IRR-/ })
        .first()
        .click();
      await chairTab.checkPage('case-chair-nl');
      await chairTab.page.getByRole('checkbox', { name: member.name }).check();
      await chairTab.page.getByRole('button', { name: 'Toewijzen' }).click();
      await chairTab.checkPage('case-assigned-nl');
      expect(await text(chairTab, '.flash')).toBe('De beoordelaars zijn toegewezen.');
    });

    const memberTab = await open('member');
    await signIn(memberTab, member);
    await memberTab.step('opinion', async () => {
      await memberTab.page.getByRole('link', { name: 'Review queue' }).first().click();
      await memberTab.checkPage('review-queue-member');
      await memberTab.page
        .locator('section', { hasText: 'Assigned to me' })
        .getByRole('link', { name: /IRR-/ })
        .click();
      await memberTab.checkPage('case-member');
      await memberTab.page.getByLabel('Your recommendation').selectOption('approve_with_conditions');
      await memberTab.page.getByLabel('Comment').fill('Fine with an export check of the coatings.');
      await memberTab.page.getByRole('button', { name: 'Give opinion' }).click();
      await memberTab.checkPage('case-opinion-given');
      expect(await text(memberTab, '.flash')).toBe('Your opinion is recorded.');
    });

    await chairTab.step('question', async () => {
      await chairTab.page.reload();
      await chairTab.checkPage('case-chair-opinion-nl');
      expect(await chairTab.page.locator('.opinions').innerText()).toContain('Fine with an export check');
      await chairTab.page.getByLabel(/^Beslissing/).selectOption('request_information');
      await chairTab.page.getByLabel(/^Motivering/).fill('We need the export classification.');
      await chairTab.page.getByLabel(/^Vragen/).fill('Which export control number do the coatings have?');
      await chairTab.page.getByRole('button', { name: 'De beslissing vastleggen' }).click();
      await chairTab.checkPage('case-asked-nl');
      expect(await text(chairTab, '.status')).toBe('Informatie gevraagd');
    });
  });

  it('lets the researcher answer, the chair decide with a condition, and the researcher confirm it met with the keyboard', async () => {
    const me = people.find((p) => p.name === 'researcher')!;
    await me.step('answer', async () => {
      await me.goto(caseUrl, 'case-question');
      expect(await text(me, '.questions')).toContain('Which export control number');
      // The applicant never sees reviewer names or opinions.
      expect(await me.page.content()).not.toContain(member.name);
      expect(await me.page.content()).not.toContain('Fine with an export check');
      await me.page.getByLabel('Your answer').fill('None: they are not listed in Annex I.');
      await me.page.getByRole('button', { name: 'Answer the questions' }).click();
      await me.checkPage('case-answered');
      expect(await text(me, '.flash')).toBe('Your answer is sent.');
    });

    const chairTab = people.find((p) => p.name === 'chair')!;
    await chairTab.step('decide', async () => {
      await chairTab.goto(caseUrl, 'case-answered-nl');
      expect(await chairTab.page.locator('.qa').innerText()).toContain('None: they are not listed in Annex I.');
      await chairTab.page.getByLabel(/^Beslissing/).selectOption('approve_with_conditions');
      await chairTab.page.getByLabel(/^Motivering/).fill('Acceptable with a check before shipping.');
      await chairTab.page.getByLabel(/^Voorwaarden/).fill('Have the export office check each shipment');
      await chairTab.page.getByRole('button', { name: 'De beslissing vastleggen' }).click();
      await chairTab.checkPage('case-decided-nl');
      expect(await text(chairTab, '.status')).toBe('Goedgekeurd onder voorwaarden');
    });

    await me.step('condition met, by keyboard', async () => {
      await me.goto(caseUrl, 'case-conditions');
      expect(await text(me, '.conditions')).toContain('Have the export office check each shipment');
      await me.tabTo(/Confirm met/);
      await Promise.all([me.page.waitForEvent('load'), me.page.keyboard.press('Enter')]);
      await me.checkPage('case-condition-met');
      expect(await text(me, '.flash')).toBe('The condition is recorded as met.');
      expect(await text(me, '.conditions')).toMatch(/Met\s+Have the export office/);
      expect(await text(me, '.waits-for')).toBe('Nothing: the case is closed');
    });
  });

  it('lets the International Office generate, read and publish a council report, which a council member then reads', async () => {
    const office = people.find((p) => p.name === 'io')!;
    const today = world.t.today();
    const from = `${today.slice(0, 4)}-01-01`;
    await office.step('generate report', async () => {
      await office.page.getByRole('link', { name: 'Council reports' }).first().click();
      await office.checkPage('reports');
      await office.page.getByLabel('From').fill(from);
      await office.page.getByLabel('To').fill(today);
      await office.page.getByLabel('Language').selectOption('en');
      await office.page.getByRole('button', { name: 'Generate' }).click();
      await office.page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
      await office.checkPage('report-generated');
      expect(await text(office, '.flash')).toBe('The report is generated.');
      expect(await text(office, 'h1')).toBe(`Council report ${belgian(from)} – ${belgian(today)}`);
      expect(await text(office, '.published')).toBe('Not published');
      // The case of this suite, decided with a condition within the period.
      const row = office.page.getByRole('row', { name: /^Approved with conditions/ });
      expect(await row.locator('td').first().innerText()).toBe('1');
    });
    await office.step('read report', async () => {
      await office.page.getByRole('link', { name: 'Read the report' }).click();
      await office.checkPage('report-document');
      expect(await text(office, 'h1')).toBe('Review of international partnerships and mobility');
      await office.page.goBack();
    });

    const council = await open('council');
    await signIn(council, councilMember);
    await council.step('nothing published yet', async () => {
      expect(await council.page.getByRole('navigation', { name: 'Main' }).innerText()).not.toMatch(/Triage|Review/);
      await council.page.getByRole('link', { name: 'Council reports' }).first().click();
      await council.checkPage('reports-none');
      expect(await text(council, '.empty')).toBe('No report yet.');
      expect(await council.page.getByRole('button', { name: 'Generate' }).count()).toBe(0);
    });

    await office.step('publish report', async () => {
      await office.checkPage('report-before-publishing');
      await office.page.getByRole('button', { name: 'Publish for the council' }).click();
      await office.checkPage('report-published');
      expect(await text(office, '.flash')).toBe('The report is published.');
      expect(await text(office, '.published')).toBe(`Published ${belgian(world.t.localToday())}`);
      expect(await office.page.getByRole('button', { name: 'Publish for the council' }).count()).toBe(0);
    });

    await council.step('read published report', async () => {
      await council.page.reload();
      await council.checkPage('reports-published');
      await council.page.getByRole('link', { name: `Council report ${belgian(from)} – ${belgian(today)}` }).click();
      await council.checkPage('report-council');
      expect(await council.page.getByRole('button', { name: 'Publish for the council' }).count()).toBe(0);
      await council.page.getByRole('link', { name: 'Read the report' }).click();
      await council.checkPage('report-document-council');
      expect(await text(council, 'h1')).toBe('Review of international partnerships and mobility');
    });
  });
});

/** A calendar date YYYY-MM-DD as the pages write it. */
function belgian(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}
