import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from './column-types';

/**
 * Documents on cases: their metadata (`attachments`) and their bytes in chunks of at most 1 MiB
 * (`attachment_chunks`, BLOB on SQLite, bytea on PostgreSQL), written in one transaction.
 */
export class Attachments1764600000000 implements MigrationInterface {
  name = 'Attachments1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'attachments',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'caseId', type: t.uuid },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'filename', type: 'varchar', length: '255' },
          { name: 'contentType', type: 'varchar', length: '100' },
          { name: 'size', type: 'integer' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'uploadedById', type: t.uuid },
          { name: 'uploadedAt', type: t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_attachments_case', columnNames: ['caseId', 'uploadedAt'] })],
        foreignKeys: [
          {
            columnNames: ['caseId'],
            referencedTableName: 'cases',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
          {
            columnNames: ['uploadedById'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'attachment_chunks',
        columns: [
          { name: 'attachmentId', type: t.uuid, isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'data', type: postgres ? 'bytea' : 'blob' },
        ],
        foreignKeys: [
          {
            columnNames: ['attachmentId'],
            referencedTableName: 'attachments',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    // Documents are mostly compressed already (office files are ZIPs, PDF streams, JPEG, PNG):
    // PostgreSQL would try to compress every chunk for nothing.
    if (postgres) await queryRunner.query('ALTER TABLE "attachment_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('attachment_chunks');
    await queryRunner.dropTable('attachments');
  }
}
