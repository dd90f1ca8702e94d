import { DataSource } from 'typeorm';
import { CaseStage } from '../../src/cases/case.entity';
import { Job } from '../../src/jobs/job.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { reminderStep, REMINDERS_JOB } from '../../src/notifications/stage-reminders';
import { WorkingDayCalendar } from '../../src/workflow/working-day-calendar';
import { CaseWorld, sensitivePartnership } from '../support/case-world';
import { eventually } from '../support/jobs';
import { TestApp, TestUser } from '../support/test-app';

const DAY_MS = 86_400_000;

/**
 * Overdue stages remind their chairs on the due date and every 5 working days, from the second
 * reminder the International Office too; the reminder run is one periodic job in the database and
 * sends each step once.
 */
describe('reminders of overdue stages (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let recusedChair: TestUser;
  let inactiveIo: TestUser;
  let caseId: string;

  const overdueOf = async (userId: string) =>
    (await t.app.get(DataSource).getRepository(Notification).findBy({ userId, caseId, type: 'stage_overdue' })).map(
      (n) => ({ committee: n.params.committee, reminder: n.params.reminder }),
    );

  /** Lets the periodic reminder job run now, and waits until the app's job runner has run it. */
  async function runReminders(): Promise<void> {
    const jobs = t.app.get(DataSource).getRepository(Job);
    const job = await jobs.findOneByOrFail({ uniqueKey: REMINDERS_JOB });
    const due = new Date(t.now().getTime() - 1);
    await jobs.update({ id: job.id }, { runAt: due });
    await eventually(async () => {
      const now = await jobs.findOneByOrFail({ id: job.id });
      return now.status === 'queued' && now.runAt.getTime() > t.now().getTime();
    }, 'the reminder run');
    expect(await jobs.findOneByOrFail({ id: job.id })).toMatchObject({ error: null });
  }

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
    [recusedChair, inactiveIo] = await Promise.all([
      t.createUser(['reviewer'], [{ committee: 'knowledge_security', chair: true }]),
      t.createUser(['international_office']),
    ]);
    caseId = (await w.inReview(sensitivePartnership())).id;
    await w.expectOk(
      await w.post(recusedChair, `/cases/${caseId}/conflicts`, { committee: 'knowledge_security', reason: 'Friend' }),
      201,
    );
    await w.expectOk(await w.patch(w.admin, `/users/${inactiveIo.id}`, { active: false }));
  });

  afterAll(async () => {
    await t.close();
  });

  it('exists as one periodic job', async () => {
    expect(await t.app.get(DataSource).getRepository(Job).countBy({ type: REMINDERS_JOB })).toBe(1);
  });

  it('reminds nobody before a stage is due', async () => {
    await runReminders();
    expect(await overdueOf(w.ksChair.id)).toEqual([]);
  });

  it('reminds the chairs on the due date, and from the second reminder the International Office too, once each', async () => {
    const stages = t.app.get(DataSource).getRepository(CaseStage);
    const now = t.now();
    // Knowledge security: due two weeks ago (at least a second reminder); dual use: due just now.
    const ksDue = new Date(now.getTime() - 14 * DAY_MS);
    await stages.update({ caseId, committeeKey: 'knowledge_security' }, { dueAt: ksDue });
    await stages.update({ caseId, committeeKey: 'dual_use_ethics' }, { dueAt: new Date(now.getTime() - 60_000) });
    const ksStep = reminderStep(ksDue, t.now(), t.app.get(WorkingDayCalendar))!;
    expect(ksStep).toBeGreaterThanOrEqual(1);

    await runReminders();
    expect(await overdueOf(w.ksChair.id)).toEqual([{ committee: 'knowledge_security', reminder: ksStep + 1 }]);
    expect(await overdueOf(w.dueChair.id)).toEqual([{ committee: 'dual_use_ethics', reminder: 1 }]);
    expect(await overdueOf(w.io.id)).toEqual([{ committee: 'knowledge_security', reminder: ksStep + 1 }]);
    for (const untold of [recusedChair, inactiveIo, w.ksMember, w.rdChair, w.researcher, w.leadership])
      expect(await overdueOf(untold.id)).toEqual([]);
    const [inbox] = (await w.expectOk(await w.get(w.ksChair, '/notifications'))).items;
    expect(inbox).toMatchObject({ type: 'stage_overdue', caseId });
    expect(inbox.text).toMatch(/by the Knowledge Security Committee was due on .* and is still open/);

    // The next run finds the same steps recorded: nothing is sent twice.
    await runReminders();
    expect(await overdueOf(w.ksChair.id)).toHaveLength(1);
    expect(await overdueOf(w.dueChair.id)).toHaveLength(1);
    expect(await overdueOf(w.io.id)).toHaveLength(1);
  });

  it('stops reminding once the stage is decided', async () => {
    await w.decideStage(caseId, 'dual_use_ethics', w.dueChair, w.dueMember, { decision: 'approve', rationale: 'Ok' });
    const stages = t.app.get(DataSource).getRepository(CaseStage);
    const decided = await stages.findOneByOrFail({ caseId, committeeKey: 'dual_use_ethics' });
    await stages.update({ id: decided.id }, { dueAt: new Date(t.now().getTime() - 30 * DAY_MS) });
    await runReminders();
    expect(await overdueOf(w.dueChair.id)).toHaveLength(1);
  });
});
