import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue';
import { JobContext, JobWorker } from '../jobs/job-worker';
import { ListVersionStored, RescreenSummary, ScreeningListEvents } from '../screening/screening-list-events';
import { CaseActionRunner } from './actions/case-action-runner';
import { CasesRepository } from './cases.repository';
import { PARTNER_SCREENER, PartnerScreener } from './partner-screener';
import { mergeScreening } from './screening-hits';

const OPEN_STATUSES = ['triage', 'in_review', 'information_requested', 'escalated'] as const;

export const RESCREEN_JOB = 'rescreen';

/**
 * When a new version of a screening list is stored, the partners of every open case are screened
 * again, as a background job (the import answers at once with the job's id); new hits are added to
 * the case and to its audit history (confidential). A hit cleared as a false positive is not raised
 * again until its list entry changes. The job is safe to run again after an interruption: a hit
 * already on the case is not added twice.
 */
@Injectable()
export class RescreeningService implements OnModuleInit {
  constructor(
    private readonly cases: CasesRepository,
    private readonly runner: CaseActionRunner,
    private readonly events: ScreeningListEvents,
    private readonly jobs: JobQueue,
    private readonly worker: JobWorker,
    @Inject(PARTNER_SCREENER) private readonly screener: PartnerScreener,
  ) {}

  onModuleInit(): void {
    this.events.onVersionStored(async (manager, event) => {
      const [job] = await this.jobs.enqueue(manager, [{ type: RESCREEN_JOB, payload: { ...event } }]);
      return job.id;
    });
    this.worker.register<ListVersionStored>(RESCREEN_JOB, {
      run: async ({ payload, progress, signal }: JobContext<ListVersionStored>) => ({
        ...(await this.rescreenOpenCases(payload.actorId, progress, signal)),
      }),
    });
  }

  async rescreenOpenCases(
    causedBy: string | null,
    progress: (done: number, total: number) => Promise<void> = () => Promise.resolve(),
    signal?: AbortSignal,
  ): Promise<RescreenSummary> {
    const open = await this.cases.findOpenForScreening(OPEN_STATUSES);
    let casesWithNewHits = 0;
    await progress(0, open.length);
    for (const [i, snapshot] of open.entries()) {
      signal?.throwIfAborted();
      const screened = await this.screener.screenPartners(snapshot.partners);
      const cleared = await this.cases.clearedEntries(snapshot.id);
      const { hits, fresh } = mergeScreening(snapshot.screeningHits, screened, cleared);
      // A case changed meanwhile keeps its hits; the next import or a resubmission screens it again.
      const recorded =
        fresh.length > 0 &&
        (await this.runner.runForSystem(
          snapshot.id,
          snapshot.version,
          OPEN_STATUSES,
          ({ kase, changes }) => {
            changes.set({ screeningHits: hits });
            return {
              action: 'rescreened',
              fromStatus: kase.status,
              toStatus: kase.status,
              confidential: true,
              details: { newHits: fresh.length },
              confidentialDetails: { hits: fresh },
            };
          },
          causedBy,
        ));
      if (recorded) casesWithNewHits++;
      if ((i + 1) % 50 === 0 || i + 1 === open.length) await progress(i + 1, open.length);
    }
    return { screened: open.length, casesWithNewHits };
  }
}
