import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/domain-error';
import { TransactionRunner } from '../database/transaction-runner';
import { CasesRepository } from '../cases/cases.repository';
import { CaseStage } from '../cases/case.entity';
import { JobQueue } from '../jobs/job-queue';
import { JobWorker } from '../jobs/job-worker';
import { WorkingDayCalendar } from '../workflow/working-day-calendar';
import { chairsOf, INTERNATIONAL_OFFICE } from './notification-events';
import { NotificationsService } from './notifications.service';
import { StageReminder } from './stage-reminder.entity';

export const REMINDERS_JOB = 'reminders';
/** How often the reminder run looks for overdue stages. */
export const REMINDERS_EVERY_SECONDS = 5 * 60;
/** Working days between two reminders of one stage. */
export const REMINDER_INTERVAL_WORKING_DAYS = 5;

/**
 * The step of the reminder due at `now` for a stage due at `dueAt`: 0 from the due time on, n from
 * n·5 working days after it; null before the due time.
 */
export function reminderStep(dueAt: Date, now: Date, calendar: Pick<WorkingDayCalendar, 'workingDaysPassed'>) {
  if (dueAt.getTime() > now.getTime()) return null;
  return Math.floor(calendar.workingDaysPassed(dueAt, now) / REMINDER_INTERVAL_WORKING_DAYS);
}

/** Stages looked at between two turns of the event loop, so that requests are answered during a long run. */
const STAGES_PER_TURN = 50;
/** Stage ids per query for the reminders already sent (well under every database's parameter limit). */
const STAGES_PER_QUERY = 500;

const reminderKey = (stageId: string, dueAt: Date, step: number) => `${stageId} ${dueAt.getTime()} ${step}`;

/**
 * Reminds the chairs of an open stage past its due date, on the due date and then every 5 working
 * days; from the second reminder the International Office too. It runs as one periodic job in the
 * database (whichever instance claims it), and each (stage, due date, step) is recorded once under a
 * unique index, so a reminder is never sent twice; after a pause only the current step is sent.
 */
@Injectable()
export class StageReminders implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly worker: JobWorker,
    private readonly jobs: JobQueue,
    private readonly transactions: TransactionRunner,
    private readonly cases: CasesRepository,
    private readonly calendar: WorkingDayCalendar,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.worker.register(REMINDERS_JOB, { run: () => this.run() });
  }

  /** The recurring job exists once, whichever instance starts first. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule({ type: REMINDERS_JOB, key: REMINDERS_JOB, everySeconds: REMINDERS_EVERY_SECONDS });
  }

  /** Sends the reminders due now; answers how many were sent. */
  async run(): Promise<{ reminded: number }> {
    const now = this.clock.now();
    const due: { stage: CaseStage; step: number }[] = [];
    const stages = await this.cases.findOverdueStages(null, now);
    for (const [i, stage] of stages.entries()) {
      if (i > 0 && i % STAGES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const step = reminderStep(stage.dueAt, now, this.calendar);
      if (step !== null) due.push({ stage, step });
    }
    // Most steps were sent by an earlier run: those are read at once, not checked one transaction each.
    const sent = await this.sentReminders(
      due.map((d) => d.stage.id),
      due.map((d) => d.step),
    );
    let reminded = 0;
    for (const { stage, step } of due) {
      if (sent.has(reminderKey(stage.id, stage.dueAt, step))) continue;
      if (await this.remind(stage, step, now)) reminded++;
    }
    return { reminded };
  }

  /** The reminders recorded for these stages at these steps (not every earlier step of each). */
  private async sentReminders(stageIds: string[], steps: number[]): Promise<Set<string>> {
    const sent = new Set<string>();
    for (let i = 0; i < stageIds.length; i += STAGES_PER_QUERY) {
      const rows = await this.dataSource.manager.find(StageReminder, {
        select: { stageId: true, dueAt: true, step: true },
        where: {
          stageId: In(stageIds.slice(i, i + STAGES_PER_QUERY)),
          step: In([...new Set(steps.slice(i, i + STAGES_PER_QUERY))]),
        },
      });
      for (const row of rows) sent.add(reminderKey(row.stageId, row.dueAt, row.step));
    }
    return sent;
  }

  private async remind(stage: CaseStage, step: number, now: Date): Promise<boolean> {
    try {
      return await this.transactions.run(async (manager) => {
        if (await manager.existsBy(StageReminder, { stageId: stage.id, dueAt: stage.dueAt, step })) return false;
        await manager.insert(
          StageReminder,
          Object.assign(new StageReminder(), { stageId: stage.id, dueAt: stage.dueAt, step, sentAt: now }),
        );
        await this.notifications.notify(
          manager,
          { ...stage.case, stages: [stage] },
          [
            {
              type: 'stage_overdue',
              params: { committee: stage.committeeKey, dueAt: stage.dueAt.toISOString(), reminder: step + 1 },
              audiences:
                step === 0 ? [chairsOf(stage.committeeKey)] : [chairsOf(stage.committeeKey), INTERNATIONAL_OFFICE],
              confidential: false,
            },
          ],
          now,
        );
        return true;
      });
    } catch (error) {
      // Another instance recorded this step in the meantime.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
