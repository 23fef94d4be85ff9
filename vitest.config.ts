import { defineConfig } from 'vitest/config';

/**
 * Three projects, one command (`npm test`):
 * - `unit`: service, store and HTTP tests in-process against dynalite, beside the code they test (and
 *   the cost model's own pieces under bench/, and the typed client in clients/typescript/ against the app);
 * - `store-dynamodb-local`: the store tests again against Amazon's DynamoDB Local, so nothing passes
 *   only because dynalite is lenient;
 * - `infra`: the CDK app synthesised offline, its templates asserted, cdk-nag and cfn-lint run on them;
 * - `e2e`: the real server started as a child process, and browsers where a flow needs one;
 * - `reliability`: the started server under a fuzz pass generated from its OpenAPI document, kill -9
 *   under concurrent writers, and the races (bounded to a few minutes on two cores).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'clients/typescript/src/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'store-dynamodb-local',
          include: ['src/**/store.test.ts', 'src/**/*.store.test.ts'],
          globalSetup: ['test/helpers/global-setup-dynamodb-local.ts'],
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['infra/test/**/*.test.ts'],
          globalSetup: ['infra/test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup-e2e.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup-e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
