import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnTypes } from './column-types';
import countrySeed from './data/countries.json';

const COMMITTEES = [
  {
    key: 'risk_destinations',
    nameEn: 'Risk Destinations Committee',
    nameNl: 'Commissie Risicobestemmingen',
    quorum: 1,
    reviewTargetWorkingDays: 10,
  },
  {
    key: 'knowledge_security',
    nameEn: 'Knowledge Security Committee',
    nameNl: 'Commissie Kennisveiligheid',
    quorum: 1,
    reviewTargetWorkingDays: 15,
  },
  {
    key: 'dual_use_ethics',
    nameEn: 'Ethics Committee on Dual Use, Military Use and Misuse of Research',
    nameNl: 'Ethische Commissie voor Dual Use, Militair Gebruik en Misbruik van Onderzoek',
    quorum: 1,
    reviewTargetWorkingDays: 20,
  },
];

/** Accounts, committees, countries with their risk attributes and change history, login failures. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = columnTypes(queryRunner);
    const createdAt = { name: 'createdAt', type: t.timestamp, default: t.now };
    const updatedAt = { name: 'updatedAt', type: t.timestamp, default: t.now };

    await queryRunner.createTable(
      new Table({
        name: 'committees',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'nameEn', type: 'varchar', length: '200' },
          { name: 'nameNl', type: 'varchar', length: '200' },
          { name: 'quorum', type: 'integer' },
          { name: 'reviewTargetWorkingDays', type: 'integer' },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'email', type: 'varchar', length: '320' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'department', type: 'varchar', length: '200', isNullable: true },
          { name: 'passwordHash', type: 'varchar', length: '255' },
          { name: 'active', type: 'boolean' },
          { name: 'tokenVersion', type: 'integer' },
          createdAt,
          updatedAt,
        ],
        indices: [new TableIndex({ name: 'UQ_users_email', columnNames: ['email'], isUnique: true })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'user_roles',
        columns: [
          { name: 'userId', type: t.uuid, isPrimary: true },
          { name: 'role', type: 'varchar', length: '32', isPrimary: true },
        ],
        foreignKeys: [
          { columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'committee_memberships',
        columns: [
          { name: 'userId', type: t.uuid, isPrimary: true },
          { name: 'committeeKey', type: 'varchar', length: '64', isPrimary: true },
          { name: 'chair', type: 'boolean' },
        ],
        foreignKeys: [
          { columnNames: ['userId'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          {
            columnNames: ['committeeKey'],
            referencedTableName: 'committees',
            referencedColumnNames: ['key'],
            onDelete: 'RESTRICT',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'countries',
        columns: [
          { name: 'code', type: 'varchar', length: '2', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'region', type: 'varchar', length: '20' },
          { name: 'travelAdvice', type: 'integer' },
          { name: 'securityRisk', type: 'varchar', length: '10' },
          { name: 'sanctioned', type: 'boolean' },
          { name: 'armsEmbargo', type: 'boolean' },
          updatedAt,
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'country_changes',
        columns: [
          { name: 'id', type: t.uuid, isPrimary: true },
          { name: 'countryCode', type: 'varchar', length: '2' },
          { name: 'changedById', type: t.uuid },
          { name: 'changedAt', type: t.timestamp, default: t.now },
          { name: 'before', type: 'text' },
          { name: 'after', type: 'text' },
          { name: 'reason', type: 'text' },
        ],
        indices: [new TableIndex({ name: 'IDX_country_changes_country', columnNames: ['countryCode', 'changedAt'] })],
        foreignKeys: [
          {
            columnNames: ['countryCode'],
            referencedTableName: 'countries',
            referencedColumnNames: ['code'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['changedById'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'login_failures',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'email', type: 'varchar', length: '320' },
          { name: 'ip', type: 'varchar', length: '64' },
          { name: 'at', type: t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'IDX_login_failures_email', columnNames: ['email', 'at'] }),
          new TableIndex({ name: 'IDX_login_failures_ip', columnNames: ['ip', 'at'] }),
        ],
      }),
    );

    await queryRunner.manager.createQueryBuilder().insert().into('committees').values(COMMITTEES).execute();
    const countries = countrySeed.countries.map((c) => ({
      code: c.code,
      name: c.name,
      region: c.region,
      travelAdvice: c.travelAdvice,
      securityRisk: c.securityRisk,
      sanctioned: c.sanctioned,
      armsEmbargo: c.armsEmbargo,
    }));
    for (let i = 0; i < countries.length; i += 50) {
      await queryRunner.manager
        .createQueryBuilder()
        .insert()
        .into('countries')
        .values(countries.slice(i, i + 50))
        .execute();
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'login_failures',
      'country_changes',
      'countries',
      'committee_memberships',
      'user_roles',
      'users',
      'committees',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
