import sqlite3 from 'sqlite3';

type Callback = (this: sqlite3.Statement, error: Error | null, rows: unknown[]) => void;

/** The distinct SELECTs in use at once (lists, case pages, lookups), with room to spare. */
const MAX_PREPARED = 300;

/**
 * A SQLite connection as TypeORM and the read connection use it, with two changes:
 *
 * - It commits with `synchronous = NORMAL`: in WAL mode a commit is written to the log but synced
 *   to disk only at checkpoints, so a power cut or an OS crash (not a crash of this process) may
 *   lose the last commits; the database itself stays intact (docs/performance.md).
 * - A SELECT is prepared once and its statement kept (the least recently used go first): sqlite3
 *   otherwise prepares and finalizes a statement per query, which costs more than running a
 *   short one, in three trips to the thread pool instead of one. A statement run to its end ends
 *   its read transaction, so the next run sees newer commits.
 */
class SqliteDatabase extends sqlite3.Database {
  private readonly statements = new Map<string, sqlite3.Statement>();
  /**
   * Statements still being prepared for `statements`, each with whether its prepare succeeded:
   * closing finalizes the ones that did, or SQLite refuses to close. (sqlite3 drops a finalize
   * queued on a statement whose prepare fails without ever calling it back.)
   */
  private readonly preparing = new Map<sqlite3.Statement, Promise<boolean>>();
  private closing = false;

  constructor(...args: ConstructorParameters<typeof sqlite3.Database>) {
    super(...args);
    // Queued until the database is open. Should it fail to open, TypeORM reports that error.
    this.exec('PRAGMA synchronous = NORMAL', () => undefined);
  }

  override all(sql: string, ...rest: unknown[]): this {
    const [params, callback] = rest as [unknown, Callback | undefined];
    // sqlite3 keeps a statement's bindings when a run gives none, so only statements without
    // parameters run with none.
    const cacheable =
      !this.closing &&
      rest.length === 2 &&
      typeof callback === 'function' &&
      Array.isArray(params) &&
      (params.length > 0 || !sql.includes('?')) &&
      /^\s*select\s/i.test(sql);
    if (!cacheable) return super.all(sql, ...rest);
    const statement = this.statements.get(sql);
    if (!statement) {
      // This run goes the ordinary way; the statement is kept for the next ones once it prepared.
      super.all(sql, params, callback);
      this.keep(sql);
      return this;
    }
    this.statements.delete(sql);
    this.statements.set(sql, statement);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- sqlite3 calls back with the statement as `this`
    const database = this;
    statement.all(params, function (this: sqlite3.Statement, error: Error | null, rows: unknown[]) {
      // A statement that failed half-way may hold its read transaction: it is not run again.
      if (error) database.forget(sql, statement);
      callback.call(this, error, rows);
    });
    return this;
  }

  override close(callback?: (error: Error | null) => void): void {
    this.closing = true;
    const kept = [...this.statements.values()];
    const preparing = [...this.preparing];
    this.statements.clear();
    this.preparing.clear();
    const finalize = (statement: sqlite3.Statement) => new Promise((resolve) => statement.finalize(resolve));
    void Promise.all([
      ...kept.map(finalize),
      ...preparing.map(async ([statement, prepared]) => (await prepared) && finalize(statement)),
    ]).then(() => super.close(callback));
  }

  private forget(sql: string, statement: sqlite3.Statement): void {
    if (this.statements.get(sql) === statement) this.statements.delete(sql);
    statement.finalize();
  }

  private keep(sql: string): void {
    let prepared!: (ok: boolean) => void;
    const done = new Promise<boolean>((resolve) => (prepared = resolve));
    const statement = this.prepare(sql, (error) => {
      this.preparing.delete(statement);
      prepared(!error);
      // A statement that does not prepare is left to the ordinary way, which reports its error.
      // One prepared while the connection closes is finalized by close().
      if (error || this.closing) return;
      if (this.statements.has(sql)) {
        statement.finalize();
        return;
      }
      this.statements.set(sql, statement);
      if (this.statements.size > MAX_PREPARED) {
        const [oldest, evicted] = this.statements.entries().next().value!;
        this.statements.delete(oldest);
        evicted.finalize(); // after the calls already queued on it
      }
    });
    this.preparing.set(statement, done);
  }
}

/**
 * The sqlite3 module as TypeORM gets it (the `driver` option). TypeORM calls the module's
 * `verbose()`, which wraps every call on every connection in long stack traces (a new Error and
 * util.inspect of the SQL and its parameters per query); here `verbose()` changes nothing.
 */
export const sqliteDriver: typeof sqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, {
  Database: SqliteDatabase,
  verbose: () => sqliteDriver,
});
