import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from './column-types';

/** Cases with their countries, stages, reviewers, opinions, conflicts, conditions, reference counters and audit events. */
export class Cases1764100000000 implements MigrationInterface {
  name = 'Cases1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT', referenced = 'id') => ({
      columnNames: [column],
      referencedTableName: table,
      referencedColumnNames: [referenced],
      onDelete,
    });

    await queryRunner.createTable(
      new Table({
        name: 'cases',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'reference', type: 'varchar', length: '20' },
          { name: 'type', type: 'varchar', length: '20' },
          { name: 'title', type: 'varchar', length: '300' },
          { name: 'summary', type: 'text' },
          { name: 'department', type: 'varchar', length: '200', isNullable: true },
          { name: 'applicantId', type: t.uuid },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'partners', type: 'text' },
          { name: 'destinations', type: 'text' },
          { name: 'technologyAreas', type: 'text' },
          { name: 'dualUse', type: 'text' },
          { name: 'funding', type: 'text' },
          { name: 'startDate', type: 'varchar', length: '10', isNullable: true },
          { name: 'endDate', type: 'varchar', length: '10', isNullable: true },
          { name: 'searchText', type: 'text' },
          { name: 'route', type: 'text' },
          { name: 'ruleSetVersion', type: 'varchar', length: '40', isNullable: true },
          { name: 'screeningHits', type: 'text' },
          { name: 'outcome', type: 'text', isNullable: true },
          { name: 'informationRequest', type: 'text', isNullable: true },
          { name: 'waitingMs', type: 'bigint' },
          { name: 'version', type: 'integer' },
          { name: 'createdAt', type: t.timestamp, default: t.now },
          { name: 'submittedAt', type: t.timestamp, isNullable: true },
          { name: 'decidedAt', type: t.timestamp, isNullable: true },
          { name: 'updatedAt', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'UQ_cases_reference', columnNames: ['reference'], isUnique: true }),
          new TableIndex({ name: 'IDX_cases_status', columnNames: ['status'] }),
          new TableIndex({ name: 'IDX_cases_applicant', columnNames: ['applicantId'] }),
        ],
        foreignKeys: [fk('applicantId', 'users', 'RESTRICT')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_stages',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'caseId', type: t.uuid },
          { name: 'committeeKey', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'openedAt', type: t.timestamp },
          { name: 'dueAt', type: t.timestamp },
          { name: 'pausedAt', type: t.timestamp, isNullable: true },
          { name: 'waitingMs', type: 'bigint' },
          { name: 'decision', type: 'varchar', length: '32', isNullable: true },
          { name: 'rationale', type: 'text', isNullable: true },
          { name: 'conditions', type: 'text', isNullable: true },
          { name: 'decidedAt', type: t.timestamp, isNullable: true },
          { name: 'decidedById', type: t.uuid, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_case_stages_case', columnNames: ['caseId'] }),
          new TableIndex({ name: 'IDX_case_stages_committee_status', columnNames: ['committeeKey', 'status'] }),
        ],
        foreignKeys: [fk('caseId', 'cases', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'stage_reviewers',
        columns: [
          { name: 'stageId', type: t.uuid, isPrimary: true },
          { name: 'reviewerId', type: t.uuid, isPrimary: true },
          { name: 'assignedAt', type: t.timestamp },
        ],
        foreignKeys: [fk('stageId', 'case_stages', 'CASCADE'), fk('reviewerId', 'users', 'RESTRICT')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'opinions',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'stageId', type: t.uuid },
          { name: 'reviewerId', type: t.uuid },
          { name: 'recommendation', type: 'varchar', length: '32' },
          { name: 'comment', type: 'text' },
          { name: 'at', type: t.timestamp },
        ],
        indices: [
          new TableIndex({
            name: 'UQ_opinions_stage_reviewer',
            columnNames: ['stageId', 'reviewerId'],
            isUnique: true,
          }),
        ],
        foreignKeys: [fk('stageId', 'case_stages', 'CASCADE'), fk('reviewerId', 'users', 'RESTRICT')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_conflicts',
        columns: [
          { name: 'caseId', type: t.uuid, isPrimary: true },
          { name: 'userId', type: t.uuid, isPrimary: true },
          { name: 'committeeKey', type: 'varchar', length: '64' },
          { name: 'reason', type: 'text' },
          { name: 'at', type: t.timestamp },
        ],
        foreignKeys: [fk('caseId', 'cases', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_conditions',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'caseId', type: t.uuid },
          { name: 'position', type: 'integer' },
          { name: 'text', type: 'text' },
          { name: 'source', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'waiverReason', type: 'text', isNullable: true },
          { name: 'resolvedAt', type: t.timestamp, isNullable: true },
          { name: 'resolvedById', type: t.uuid, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_case_conditions_case', columnNames: ['caseId'] })],
        foreignKeys: [fk('caseId', 'cases', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_countries',
        columns: [
          { name: 'caseId', type: t.uuid, isPrimary: true },
          { name: 'countryCode', type: 'varchar', length: '2', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'IDX_case_countries_country', columnNames: ['countryCode'] })],
        foreignKeys: [fk('caseId', 'cases', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_reference_counters',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'last', type: 'integer' },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'case_events',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'caseId', type: t.uuid },
          { name: 'seq', type: 'integer' },
          { name: 'at', type: t.timestamp },
          { name: 'actorId', type: t.uuid, isNullable: true },
          { name: 'action', type: 'varchar', length: '40' },
          { name: 'fromStatus', type: 'varchar', length: '32', isNullable: true },
          { name: 'toStatus', type: 'varchar', length: '32', isNullable: true },
          { name: 'details', type: 'text' },
          { name: 'confidentialDetails', type: 'text', isNullable: true },
          { name: 'confidential', type: 'boolean' },
          { name: 'actingForCommittee', type: 'varchar', length: '64', isNullable: true },
          { name: 'prevHash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        indices: [new TableIndex({ name: 'UQ_case_events_case_seq', columnNames: ['caseId', 'seq'], isUnique: true })],
        foreignKeys: [fk('caseId', 'cases', 'RESTRICT'), fk('actorId', 'users', 'RESTRICT')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'case_events',
      'case_reference_counters',
      'case_countries',
      'case_conditions',
      'case_conflicts',
      'opinions',
      'stage_reviewers',
      'case_stages',
      'cases',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
