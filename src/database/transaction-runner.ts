import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one database transaction. TypeORM's SQLite driver shares one connection between
 * all query runners, so two transactions at once would interleave on it; on SQLite this queues
 * them (SQLite allows one writer at a time anyway). PostgreSQL runs them concurrently and the
 * version checks in the work decide who wins.
 */
@Injectable()
export class TransactionRunner {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'sqlite') return this.dataSource.transaction(work);
    const result = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = result.catch(() => undefined);
    return result;
  }
}
