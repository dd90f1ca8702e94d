import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from './column-types';

/** Browser sessions and the identities people sign in with at identity providers. */
export class Sessions1764400000000 implements MigrationInterface {
  name = 'Sessions1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    const byUser = {
      columnNames: ['userId'],
      referencedTableName: 'users',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    };
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'secretHash', type: 'varchar', length: '64' },
          { name: 'userId', type: t.uuid },
          { name: 'tokenVersion', type: 'integer' },
          { name: 'method', type: 'varchar', length: '16' },
          { name: 'createdAt', type: t.timestamp },
          { name: 'lastSeenAt', type: t.timestamp },
          { name: 'expiresAt', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'UQ_sessions_secret_hash', columnNames: ['secretHash'], isUnique: true }),
          new TableIndex({ name: 'IDX_sessions_user', columnNames: ['userId'] }),
        ],
        foreignKeys: [byUser],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'user_identities',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'userId', type: t.uuid },
          { name: 'provider', type: 'varchar', length: '500' },
          { name: 'subject', type: 'varchar', length: '255' },
          { name: 'email', type: 'varchar', length: '320', isNullable: true },
          { name: 'createdAt', type: t.timestamp },
          { name: 'lastSignInAt', type: t.timestamp },
        ],
        indices: [
          new TableIndex({
            name: 'UQ_user_identities_provider_subject',
            columnNames: ['provider', 'subject'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'UQ_user_identities_user_provider',
            columnNames: ['userId', 'provider'],
            isUnique: true,
          }),
        ],
        foreignKeys: [byUser],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('user_identities');
    await queryRunner.dropTable('sessions');
  }
}
