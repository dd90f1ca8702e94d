import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from './column-types';

/** Council reports: immutable snapshots of their figures, published to the council. */
export class Reports1764200000000 implements MigrationInterface {
  name = 'Reports1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    const byUser = (column: string) => ({
      columnNames: [column],
      referencedTableName: 'users',
      referencedColumnNames: ['id'],
      onDelete: 'RESTRICT',
    });
    await queryRunner.createTable(
      new Table({
        name: 'reports',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'periodFrom', type: 'varchar', length: '10' },
          { name: 'periodTo', type: 'varchar', length: '10' },
          { name: 'language', type: 'varchar', length: '2' },
          { name: 'createdAt', type: t.timestamp },
          { name: 'createdById', type: t.uuid },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'published', type: 'boolean' },
          { name: 'publishedAt', type: t.timestamp, isNullable: true },
          { name: 'publishedById', type: t.uuid, isNullable: true },
          { name: 'data', type: 'text' },
        ],
        indices: [new TableIndex({ name: 'IDX_reports_published_created', columnNames: ['published', 'createdAt'] })],
        foreignKeys: [byUser('createdById'), byUser('publishedById')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reports');
  }
}
