import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type * as Sqlite3 from 'sqlite3';
import { DataSource, QueryFailedError } from 'typeorm';
import type { SqliteDriver } from 'typeorm/driver/sqlite/SqliteDriver';

export type Row = Record<string, unknown>;

/** A boolean column of a Row: SQLite answers 1 or 0, PostgreSQL true or false. */
export const isTrue = (value: unknown): boolean => value === true || value === 1;

/**
 * The connection the most used reads go through (the case list, a case page), with plain SQL and
 * named parameters (`:name`, `:...list`).
 *
 * On a SQLite file it is a second connection to the same file that only reads, one statement at a
 * time. In WAL mode it reads while the main connection writes (a commit's sync to disk does not
 * hold reads up); each statement sees what was committed when it started, never the changes of a
 * transaction in progress on the main connection; and its `PRAGMA data_version` changes whenever
 * another connection commits, the main one included. On PostgreSQL it is the pool, and a statement's snapshot tells which
 * transactions it saw. On an in-memory SQLite database (which a second connection would not see)
 * it is the main connection, without a change stamp.
 */
@Injectable()
export class ReadConnection implements OnApplicationShutdown {
  /**
   * An SQL expression whose values in two statements are equal only if the two saw the same
   * committed data, or null when the database offers none.
   */
  readonly changeStamp: string | null;
  private readonly separate: boolean;
  private sqlite?: Promise<Sqlite3.Database>;
  private readonly requestStamps = new WeakMap<object, Promise<string | null>>();
  /** Which connection each SQLite connection is (1 for the first opened, ...): part of the stamp. */
  private readonly connections = new WeakMap<Sqlite3.Database, number>();
  private opened = 0;
  private closed = false;
  /** Settles when the last statement asked for has ended (see inTurn). */
  private turn: Promise<void> = Promise.resolve();
  /** Settles when the stamp being read has been read; the stamp read after it, shared (see stamp). */
  private stampBeingRead?: Promise<void>;
  private nextStamp?: Promise<string | null>;

  constructor(private readonly dataSource: DataSource) {
    const { type } = dataSource.options;
    this.separate = type === 'sqlite' && dataSource.options.database !== ':memory:';
    this.changeStamp =
      type === 'postgres'
        ? 'CAST(pg_current_snapshot() AS text)'
        : this.separate
          ? '(SELECT "data_version" FROM pragma_data_version())'
          : null;
  }

  /**
   * The change stamp now (null when the database offers none): what was read after this call, and
   * kept with it, is still current while a later call gives the same stamp (see StampedCache).
   *
   * One stamp is read at a time. Calls made while one is being read share the next read, which
   * starts when that one ends: it starts after each of them was made, so it sees every commit made
   * before any of them, as a read of their own would. Under load, one statement then serves many
   * requests.
   */
  stamp(): Promise<string | null> {
    if (!this.changeStamp) return Promise.resolve(null);
    if (this.nextStamp) return this.nextStamp;
    if (!this.stampBeingRead) return this.readStamp();
    const start = () => this.readStamp();
    this.nextStamp = this.stampBeingRead.then(start, start);
    return this.nextStamp;
  }

  private readStamp(): Promise<string | null> {
    this.nextStamp = undefined;
    const read = this.run(`SELECT ${this.changeStamp} AS "stamp"`, {}).then(({ rows, connection }) =>
      // SQLite's data_version counts per connection, from a low number again on a new one.
      connection === null ? String(rows[0].stamp) : `${connection}:${String(rows[0].stamp)}`,
    );
    const settled = read.then(
      () => undefined,
      () => undefined,
    );
    this.stampBeingRead = settled;
    void settled.then(() => {
      if (this.stampBeingRead === settled) this.stampBeingRead = undefined;
    });
    return read;
  }

  /**
   * The stamp of one request (or other owner), read once at its first call: call it before the
   * request reads what it will keep.
   */
  stampFor(owner: object): Promise<string | null> {
    let stamp = this.requestStamps.get(owner);
    if (!stamp) {
      stamp = this.stamp();
      this.requestStamps.set(owner, stamp);
    }
    return stamp;
  }

  async query(sql: string, params: Row = {}): Promise<Row[]> {
    return (await this.run(sql, params)).rows;
  }

  /**
   * Closed once the HTTP server has stopped (Nest calls this after it, onModuleDestroy before it), so
   * the requests still being answered while the application stops can finish their reads.
   */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const db = await this.sqlite?.catch(() => undefined);
    this.sqlite = undefined;
    if (db) await new Promise<void>((resolve) => db.close(() => resolve()));
  }

  /** The rows, and which SQLite connection (opened first, second, ...) answered; null on the pool. */
  private async run(sql: string, params: Row): Promise<{ rows: Row[]; connection: number | null }> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params, {});
    if (!this.separate) return { rows: await this.dataSource.query(text, values), connection: null };
    const logger = this.dataSource.logger;
    try {
      // Not opened again once the application is shutting down: that one would never be closed.
      if (this.closed) throw new Error('the read connection is closed');
      const db = await (this.sqlite ??= this.open().catch((error: unknown) => {
        this.sqlite = undefined;
        throw error;
      }));
      let started = 0;
      const rows = await this.inTurn(
        () =>
          new Promise<Row[]>((resolve, reject) => {
            started = Date.now();
            db.all<Row>(text, values, (error, found) => (error ? reject(error) : resolve(found)));
          }),
      );
      const elapsed = Date.now() - started;
      const slow = this.dataSource.options.maxQueryExecutionTime;
      if (slow && elapsed > slow) logger.logQuerySlow(elapsed, text, values);
      return { rows, connection: this.connections.get(db)! };
    } catch (error) {
      logger.logQueryError(error as Error, text, values);
      throw new QueryFailedError(text, values, error as Error);
    }
  }

  /**
   * Runs `work` (one statement) once the statements asked for before it have ended. sqlite3 runs
   * a kept statement's calls back to back without going through the connection's own queue, and
   * on a serialized connection (see open()) everything that does (a statement prepared for the
   * first time, say) waits until no statement runs at all: under a steady stream of requests that
   * moment never came, and a query of a new shape waited as long as the stream lasted. Asked one
   * at a time, every statement waits only for those before it.
   */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private open(): Promise<Sqlite3.Database> {
    // The module TypeORM loaded (sqlite-driver.ts): both connections keep their prepared SELECTs.
    const sqlite = (this.dataSource.driver as SqliteDriver).sqlite as typeof Sqlite3;
    const { database, busyTimeout } = this.dataSource.options as { database: string; busyTimeout?: number };
    return new Promise((resolve, reject) => {
      const db = new sqlite.Database(database, sqlite.OPEN_READWRITE, (error: Error | null) => {
        if (error) return reject(error);
        // One statement at a time: statements running together on a connection share one read
        // transaction, so a statement started after a commit could still read from before it.
        db.serialize();
        db.exec(`PRAGMA query_only = ON; PRAGMA busy_timeout = ${busyTimeout ?? 5000}`, (e) => {
          if (e) return reject(e);
          this.connections.set(db, ++this.opened);
          resolve(db);
        });
      });
    });
  }
}
