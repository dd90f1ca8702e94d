const { availableParallelism } = require('node:os');

// swc instead of ts-jest: NestJS 12 ships ESM with import.meta, which ts-jest cannot load on Node 20 (docs/decisions/0006-jest-with-swc.md).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      // As tsconfig.json: a declared field without a value is not an own property (DTOs, entities).
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|content-disposition|any-ascii|file-type|strtok3|token-types|@tokenizer|@borewit|uint8array-extras|openid-client|oauth4webapi|jose|@fastify/cookie|cookie)/)',
  ],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // file-type 21 exports only `import` and `module-sync` conditions, which Jest's resolver does not use.
    '^file-type$': '<rootDir>/node_modules/file-type/index.js',
  },
  testEnvironment: 'node',
  testTimeout: 180_000,
};

module.exports = {
  // Test files run in parallel workers, each on its own database (a SQLite file, or a PostgreSQL
  // database per worker: test/support/test-database.ts). At least two, also on a two-core machine:
  // much of a suite's time is spent waiting on the database and the file system.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // e2e and integration suites start the real app on a real database and hash passwords with
  // argon2 while setting up their users: allow for a slow, busy CI machine.
  testTimeout: 180_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/migrations/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // The pages in a real browser (Debian's Chromium, driven by playwright-core): part of `npm test`;
    // skipped with a message when no Chromium is installed, except under CI, where that fails.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
    // Checks on the full real files in ../shared/data: run by `npm run check:data`, not by `npm test`.
    { ...common, displayName: 'data', testMatch: ['<rootDir>/test/data/**/*.data-spec.ts'] },
  ],
};
