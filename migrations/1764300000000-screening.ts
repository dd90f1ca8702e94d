import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from './column-types';

/** Screening lists, their versions (imports) and the entries of the version in force. */
export class Screening1764300000000 implements MigrationInterface {
  name = 'Screening1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    const byList = {
      columnNames: ['listId'],
      referencedTableName: 'screening_lists',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    };
    await queryRunner.createTable(
      new Table({
        name: 'screening_lists',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'format', type: 'varchar', length: '30' },
          { name: 'currentVersionId', type: t.uuid, isNullable: true },
          { name: 'createdAt', type: t.timestamp, default: t.now },
        ],
        indices: [new TableIndex({ name: 'UQ_screening_lists_name', columnNames: ['name'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'screening_list_versions',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'listId', type: t.uuid },
          { name: 'version', type: 'integer' },
          { name: 'importedAt', type: t.timestamp },
          { name: 'importedById', type: t.uuid, isNullable: true },
          { name: 'source', type: 'varchar', length: '500' },
          { name: 'checksum', type: 'varchar', length: '64' },
          { name: 'entries', type: 'integer' },
          { name: 'aliases', type: 'integer' },
          { name: 'added', type: 'integer' },
          { name: 'removed', type: 'integer' },
          { name: 'changes', type: 'text' },
        ],
        indices: [new TableIndex({ name: 'IDX_screening_list_versions_list', columnNames: ['listId', 'version'] })],
        foreignKeys: [byList],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'screening_entries',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'listId', type: t.uuid },
          { name: 'externalId', type: 'varchar', length: '300' },
          { name: 'name', type: 'text' },
          { name: 'aliases', type: 'text' },
          { name: 'countries', type: 'text' },
          { name: 'entityType', type: 'varchar', length: '20' },
          { name: 'programs', type: 'text' },
        ],
        indices: [
          new TableIndex({
            name: 'UQ_screening_entries_list_external',
            columnNames: ['listId', 'externalId'],
            isUnique: true,
          }),
        ],
        foreignKeys: [byList],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['screening_entries', 'screening_list_versions', 'screening_lists'])
      await queryRunner.dropTable(table);
  }
}
