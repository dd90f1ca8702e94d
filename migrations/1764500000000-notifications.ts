import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columnTypes } from './column-types';

/**
 * People's language and mail setting; notifications, their mails and the reminders of overdue
 * stages; durable background jobs; the university's closure days.
 */
export class Notifications1764500000000 implements MigrationInterface {
  name = 'Notifications1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    await queryRunner.addColumns('users', [
      new TableColumn({ name: 'language', type: 'varchar', length: '2', default: "'en'" }),
      new TableColumn({ name: 'emailNotifications', type: 'boolean', default: postgres ? 'true' : '1' }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'userId', type: t.uuid },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'caseId', type: t.uuid },
          { name: 'caseReference', type: 'varchar', length: '20' },
          { name: 'params', type: 'text' },
          { name: 'createdAt', type: t.timestamp },
          { name: 'readAt', type: t.timestamp, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_notifications_user', columnNames: ['userId', 'createdAt'] })],
        foreignKeys: [
          { columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['caseId'], referencedTableName: 'cases', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'mail_deliveries',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'notificationId', type: t.uuid, isNullable: true },
          { name: 'userId', type: t.uuid },
          { name: 'recipient', type: 'varchar', length: '320' },
          { name: 'language', type: 'varchar', length: '2' },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'text', type: 'text' },
          { name: 'html', type: 'text' },
          { name: 'messageId', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer' },
          { name: 'lastError', type: 'text', isNullable: true },
          { name: 'createdAt', type: t.timestamp },
          { name: 'sentAt', type: t.timestamp, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_mail_deliveries_status', columnNames: ['status', 'createdAt'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'stage_reminders',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'stageId', type: t.uuid },
          { name: 'dueAt', type: t.timestamp },
          { name: 'step', type: 'integer' },
          { name: 'sentAt', type: t.timestamp },
        ],
        indices: [
          new TableIndex({
            name: 'UQ_stage_reminders_stage_due_step',
            columnNames: ['stageId', 'dueAt', 'step'],
            isUnique: true,
          }),
        ],
        foreignKeys: [
          {
            columnNames: ['stageId'],
            referencedTableName: 'case_stages',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'jobs',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'progressDone', type: 'integer' },
          { name: 'progressTotal', type: 'integer' },
          { name: 'attempts', type: 'integer' },
          { name: 'maxAttempts', type: 'integer' },
          { name: 'runAt', type: t.timestamp },
          { name: 'repeatSeconds', type: 'integer', isNullable: true },
          { name: 'lockedBy', type: 'varchar', length: '100', isNullable: true },
          { name: 'lockedUntil', type: t.timestamp, isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'result', type: 'text', isNullable: true },
          { name: 'uniqueKey', type: 'varchar', length: '100', isNullable: true },
          { name: 'createdAt', type: t.timestamp },
          { name: 'finishedAt', type: t.timestamp, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_jobs_claim', columnNames: ['status', 'runAt'] }),
          new TableIndex({ name: 'UQ_jobs_unique_key', columnNames: ['uniqueKey'], isUnique: true }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'closure_days',
        columns: [
          { name: 'date', type: 'varchar', length: '10', isPrimary: true },
          { name: 'reason', type: 'varchar', length: '300' },
          { name: 'updatedById', type: t.uuid, isNullable: true },
          { name: 'updatedAt', type: t.timestamp },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['closure_days', 'jobs', 'stage_reminders', 'mail_deliveries', 'notifications'])
      await queryRunner.dropTable(table);
    await queryRunner.dropColumn('users', 'emailNotifications');
    await queryRunner.dropColumn('users', 'language');
  }
}
