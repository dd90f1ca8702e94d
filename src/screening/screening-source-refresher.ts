import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../jobs/job-queue';
import { JobWorker } from '../jobs/job-worker';
import { ScreeningSourcesService } from './screening-sources.service';

export const SOURCE_REFRESH_JOB = 'screening-source-refresh';
/**
 * How often the refresh job looks for due sources. A source's own interval (refreshMinutes, at least
 * 15) and next run are in its row; this only bounds how late a due source is downloaded.
 */
export const SOURCE_REFRESH_EVERY_SECONDS = 60;

/**
 * Downloads the list sources that are due, as one recurring durable job (docs/jobs.md): whichever
 * instance claims it runs it, so several instances never download a source at the same time, and a
 * restart keeps the schedule. The sources' next runs stay in their rows; the job only asks which are
 * due. Idempotent: a run that is repeated finds the sources it refreshed no longer due.
 */
@Injectable()
export class ScreeningSourceRefresher implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly sources: ScreeningSourcesService,
    private readonly worker: JobWorker,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.worker.register(SOURCE_REFRESH_JOB, {
      run: async ({ signal }) => ({ refreshed: await this.sources.refreshDue(signal) }),
    });
  }

  /** The recurring job exists once, whichever instance starts first. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule({
      type: SOURCE_REFRESH_JOB,
      key: SOURCE_REFRESH_JOB,
      everySeconds: SOURCE_REFRESH_EVERY_SECONDS,
    });
  }
}
