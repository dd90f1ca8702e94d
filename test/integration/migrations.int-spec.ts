import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database-options';
import { freshDatabaseUrl } from '../support/test-database';

describe('migrations', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(databaseOptions(await freshDatabaseUrl()));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('run on an empty database and leave no schema change pending against the entities', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.map((m) => m.name)).toEqual(dataSource.migrations.map((m) => m.name));

    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('seed the three committees and every ISO 3166-1 country', async () => {
    const committees = await dataSource.query('SELECT "key" FROM committees ORDER BY "key"');
    expect(committees.map((c: { key: string }) => c.key)).toEqual([
      'dual_use_ethics',
      'knowledge_security',
      'risk_destinations',
    ]);
    const [{ count }] = await dataSource.query('SELECT COUNT(*) AS count FROM countries');
    expect(Number(count)).toBe(249);
  });

  it('can be reverted', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    expect(await dataSource.query('SELECT 1 FROM committees LIMIT 1').catch(() => 'gone')).toBe('gone');
  });
});
