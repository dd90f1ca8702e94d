import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ScreeningSourcesService } from './screening-sources.service';

/**
 * Refreshes the list sources that are due, every SCREENING_SOURCES_POLL_SECONDS. A small in-process
 * timer: a source's next run is kept in its row, so a restart picks up where it was; with several
 * instances, turn it off on all but one (or move it onto durable jobs once they exist).
 */
@Injectable()
export class ScreeningSourceRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScreeningSourceRefresher.name);
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | null = null;

  constructor(
    private readonly sources: ScreeningSourcesService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.screeningSourcesPollSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => void this.tick(), seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  private async tick(): Promise<void> {
    if (this.round) return;
    this.round = this.sources
      .refreshDue()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`Refreshing screening sources failed: ${String(error)}`))
      .finally(() => (this.round = null));
    await this.round;
  }
}
