import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the case list: its order (newest first, then reference), and the same order within
 * one applicant (a researcher's own cases) and within one status (the status filter), so a page is
 * read by walking an index instead of sorting every visible case; and a stage's committee next to
 * its case, so the reviewers' visibility rule is answered from the index. The three wider indexes
 * replace the narrower ones they start with.
 */
const REPLACED: { table: string; old: TableIndex; new: TableIndex }[] = [
  {
    table: 'cases',
    old: new TableIndex({ name: 'IDX_cases_applicant', columnNames: ['applicantId'] }),
    new: new TableIndex({
      name: 'IDX_cases_applicant_created',
      columnNames: ['applicantId', 'createdAt', 'reference'],
    }),
  },
  {
    table: 'cases',
    old: new TableIndex({ name: 'IDX_cases_status', columnNames: ['status'] }),
    new: new TableIndex({ name: 'IDX_cases_status_created', columnNames: ['status', 'createdAt', 'reference'] }),
  },
  {
    table: 'case_stages',
    old: new TableIndex({ name: 'IDX_case_stages_case', columnNames: ['caseId'] }),
    new: new TableIndex({ name: 'IDX_case_stages_case_committee', columnNames: ['caseId', 'committeeKey'] }),
  },
];
const CREATED = new TableIndex({ name: 'IDX_cases_created', columnNames: ['createdAt', 'reference'] });

export class CaseReadIndexes1764700000000 implements MigrationInterface {
  name = 'CaseReadIndexes1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('cases', CREATED);
    for (const index of REPLACED) {
      await queryRunner.createIndex(index.table, index.new);
      await queryRunner.dropIndex(index.table, index.old.name!);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [...REPLACED].reverse()) {
      await queryRunner.createIndex(index.table, index.old);
      await queryRunner.dropIndex(index.table, index.new.name!);
    }
    await queryRunner.dropIndex('cases', CREATED.name!);
  }
}
