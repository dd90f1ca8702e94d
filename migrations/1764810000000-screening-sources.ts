import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from './column-types';

/** Screening list sources: a URL refreshed on a schedule, with its validators and last outcome. */
export class ScreeningSources1764810000000 implements MigrationInterface {
  name = 'ScreeningSources1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'screening_sources',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'format', type: 'varchar', length: '30' },
          { name: 'url', type: 'varchar', length: '2000' },
          { name: 'kind', type: 'varchar', length: '20', isNullable: true },
          { name: 'refreshMinutes', type: 'integer' },
          { name: 'etag', type: 'varchar', length: '500', isNullable: true },
          { name: 'lastModified', type: 'varchar', length: '100', isNullable: true },
          { name: 'nextRunAt', type: t.timestamp },
          { name: 'lastCheckedAt', type: t.timestamp, isNullable: true },
          { name: 'lastSuccessAt', type: t.timestamp, isNullable: true },
          { name: 'lastOutcome', type: 'varchar', length: '200', isNullable: true },
          { name: 'lastErrorAt', type: t.timestamp, isNullable: true },
          { name: 'lastError', type: 'text', isNullable: true },
          { name: 'createdAt', type: t.timestamp },
          { name: 'createdById', type: t.uuid, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'UQ_screening_sources_name', columnNames: ['name'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('screening_sources');
  }
}
