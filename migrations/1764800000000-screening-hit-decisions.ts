import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from './column-types';

/** Decisions on screening hits (false positive or confirmed), per case partner and listed entry. */
export class ScreeningHitDecisions1764800000000 implements MigrationInterface {
  name = 'ScreeningHitDecisions1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'screening_hit_decisions',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'caseId', type: t.uuid },
          { name: 'hitId', type: t.uuid },
          { name: 'partnerName', type: 'varchar', length: '300' },
          { name: 'listId', type: t.uuid, isNullable: true },
          { name: 'externalId', type: 'varchar', length: '300', isNullable: true },
          { name: 'entryChecksum', type: 'varchar', length: '64', isNullable: true },
          { name: 'decision', type: 'varchar', length: '20' },
          { name: 'reason', type: 'text' },
          { name: 'decidedById', type: t.uuid },
          { name: 'decidedAt', type: t.timestamp },
        ],
        indices: [
          new TableIndex({
            name: 'UQ_screening_hit_decisions_case_hit',
            columnNames: ['caseId', 'hitId'],
            isUnique: true,
          }),
          new TableIndex({ name: 'IDX_screening_hit_decisions_case', columnNames: ['caseId', 'partnerName'] }),
        ],
        foreignKeys: [
          { columnNames: ['caseId'], referencedTableName: 'cases', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          {
            columnNames: ['decidedById'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('screening_hit_decisions');
  }
}
