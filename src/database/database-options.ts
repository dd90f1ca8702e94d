import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaults as pgDefaults, types as pgTypes } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { sqliteDriver } from './sqlite-driver';
import { MIGRATIONS } from '../../migrations';

/** One place that turns DATABASE_URL into TypeORM options, shared by the app, the CLI and the tests. */
export function databaseOptions(databaseUrl: string): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'each' as const,
  };
  if (databaseUrl.startsWith('sqlite:')) {
    const database = databaseUrl.slice('sqlite:'.length);
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    return { ...common, type: 'sqlite', driver: sqliteDriver, database, enableWAL: true, busyTimeout: 5000 };
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    useUtcTimestamps();
    return { ...common, type: 'postgres', url: databaseUrl, extra: { max: 10, options: '-c TimeZone=UTC' } };
  }
  throw new Error('DATABASE_URL must be sqlite:<file path> or postgres://user:pass@host:port/db');
}

/**
 * Timestamps are stored in UTC (`timestamp` without time zone). node-postgres would write and read
 * them in the process's local time zone, so a server started with another TZ would shift them.
 */
function useUtcTimestamps(): void {
  pgDefaults.parseInputDatesAsUTC = true;
  pgTypes.setTypeParser(pgTypes.builtins.TIMESTAMP, (value) => new Date(`${value.replace(' ', 'T')}Z`));
}
