import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Between, DataSource } from 'typeorm';
import { AuthUser } from '../authorization/auth-user';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { TransactionRunner } from '../database/transaction-runner';
import { WorkingDayCalendar } from '../workflow/working-day-calendar';
import { CalendarErrorCode } from './calendar.errors';
import { ClosureDay } from './closure-day.entity';
import { ClosureResponse } from './dto/closure.dto';

/** How often an instance reloads the closure days, to learn of changes made on another instance. */
export const CLOSURES_REFRESH_MS = 30_000;

/**
 * The university's closure days, kept by the International Office. The working-day calendar counts
 * with the set loaded here: at start, at once after a change on this instance, and every
 * CLOSURES_REFRESH_MS for changes made on another one.
 */
@Injectable()
export class ClosuresService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClosuresService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((error: unknown) =>
        this.logger.warn(`Reloading closure days failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, CLOSURES_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async list(year: number | undefined): Promise<ClosureResponse[]> {
    const y = year ?? Number(this.calendar.dateOf(this.clock.now()).slice(0, 4));
    const days = await this.dataSource
      .getRepository(ClosureDay)
      .find({ where: { date: Between(`${y}-01-01`, `${y}-12-31`) }, order: { date: 'ASC' } });
    return days.map(toResponse);
  }

  /** Creates or updates the closure day on `date`. */
  async put(actor: AuthUser, date: string, reason: string): Promise<ClosureResponse> {
    const day = Object.assign(new ClosureDay(), {
      date,
      reason: reason.trim(),
      updatedById: actor.id,
      updatedAt: this.clock.now(),
    });
    await this.transactions.run((manager) => manager.save(day));
    await this.reload();
    return toResponse(day);
  }

  async remove(_actor: AuthUser, date: string): Promise<void> {
    const deleted = await this.transactions.run((manager) => manager.delete(ClosureDay, { date }));
    if (!deleted.affected) throw new DomainError(CalendarErrorCode.ClosureNotFound);
    await this.reload();
  }

  private async reload(): Promise<void> {
    const days = await this.dataSource.getRepository(ClosureDay).find({ select: { date: true } });
    this.calendar.useClosures(days.map((d) => d.date));
  }
}

const toResponse = (day: ClosureDay): ClosureResponse => ({ date: day.date, reason: day.reason });
