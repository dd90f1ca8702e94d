import { QueryRunner } from 'typeorm';

/**
 * The few places where SQLite and PostgreSQL spell a type differently; everything else in the
 * migrations is the driver-neutral QueryRunner schema API, so one set runs on both.
 */
export function columnTypes(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.driver.options.type === 'postgres';
  return {
    uuid: postgres ? 'uuid' : 'varchar',
    timestamp: postgres ? 'timestamp' : 'datetime',
    now: postgres ? 'now()' : "datetime('now')",
  };
}
