import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_AMPLY_CREDENTIALS,
  type FakeAwsQueryServer,
  startFakeAwsQueryServer,
} from '../../../test/helpers/fake-aws-query-server.js';
import { createAwsStackInspector } from './aws-stack-inspector.js';
import { type StackInspector, stackState } from './stack-inspector.js';

/*
 * The real STS and CloudFormation SDK clients against the loopback FAKE of both services
 * (test/helpers/fake-aws-query-server.ts): the artist's account cannot be played by anything local.
 */

const ACCOUNT = '111122223333';
let fake: FakeAwsQueryServer;
let inspector: StackInspector;
const pauses: number[] = [];
let sequence = 0;

beforeAll(async () => {
  fake = await startFakeAwsQueryServer();
  inspector = createAwsStackInspector({
    region: 'eu-north-1',
    stsEndpoint: fake.url,
    cloudFormationEndpoint: fake.url,
    credentials: FAKE_AMPLY_CREDENTIALS,
    sleep: async (ms) => {
      pauses.push(ms);
    },
  });
});
afterAll(() => fake.close());

/** A role and a stack of a fresh artist in the artist's account. */
function artistStack(status = 'CREATE_COMPLETE', roleOptions: { externalId?: string | null } = {}) {
  sequence += 1;
  const name = `amply-artist-${sequence}`;
  const stackId = `arn:aws:cloudformation:eu-north-1:${ACCOUNT}:stack/${name}/0b1c2d3e-${sequence}`;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/AmplyAccessRole-artist-${sequence}`;
  const externalId = `amply-ext-${sequence}`;
  fake.addRole({
    roleArn,
    externalId: roleOptions.externalId === undefined ? externalId : roleOptions.externalId,
  });
  fake.addStack({
    stackId,
    stackName: name,
    status,
    ...(status.includes('ROLLBACK')
      ? { reason: 'The following resource(s) failed to create: [ArtistBucket].' }
      : {}),
    outputs: { BucketName: `amply-artist-${sequence}-${ACCOUNT}`, RoleArn: roleArn },
  });
  return { request: { roleArn, externalId, accountId: ACCOUNT, region: 'eu-north-1', stack: name }, stackId };
}

describe('AWS stack inspector (real SDK clients, FAKE STS/CloudFormation)', () => {
  it('assumes the role with the ExternalId and reports a complete stack with its outputs', async () => {
    const { request, stackId } = artistStack('CREATE_COMPLETE');
    const report = await inspector.inspect(request);
    expect(report).toEqual({
      stackId,
      stackName: request.stack,
      stackStatus: 'CREATE_COMPLETE',
      state: 'complete',
      reason: undefined,
      outputs: { BucketName: `amply-artist-${sequence}-${ACCOUNT}`, RoleArn: request.roleArn },
    });
    const assumeCalls = fake.calls.filter(
      (call) => call.action === 'AssumeRole' && call.params.RoleArn === request.roleArn,
    );
    expect(assumeCalls.map((call) => call.params.ExternalId)).toEqual([request.externalId, undefined]);
  });

  it('reports a stack still being created as in progress, and a rolled-back one as failed with its reason', async () => {
    const creating = artistStack('CREATE_IN_PROGRESS');
    expect(await inspector.inspect(creating.request)).toMatchObject({ state: 'in_progress' });
    const rolledBack = artistStack('ROLLBACK_COMPLETE');
    expect(await inspector.inspect(rolledBack.request)).toMatchObject({
      state: 'failed',
      stackStatus: 'ROLLBACK_COMPLETE',
      reason: 'The following resource(s) failed to create: [ArtistBucket].',
    });
  });

  it('retries AssumeRole while IAM propagates a new role, pausing longer each time', async () => {
    const { request } = artistStack();
    fake.addRole({ roleArn: request.roleArn, externalId: request.externalId, deniedAttempts: 2 });
    pauses.length = 0;
    expect(await inspector.inspect(request)).toMatchObject({ state: 'complete' });
    expect(pauses).toEqual([500, 1000]);
  });

  it('gives up with role_not_assumable when the ExternalId is wrong or the role does not exist', async () => {
    const { request } = artistStack();
    await expect(inspector.inspect({ ...request, externalId: 'another-external-id' })).rejects.toMatchObject({
      name: 'StackInspectionError',
      failure: 'role_not_assumable',
    });
    await expect(
      inspector.inspect({ ...request, roleArn: `arn:aws:iam::${ACCOUNT}:role/AmplyAccessRole-missing` }),
    ).rejects.toMatchObject({ failure: 'role_not_assumable' });
  });

  it('refuses a role that can be assumed without the ExternalId (confused deputy), before reading the stack', async () => {
    const { request } = artistStack('CREATE_COMPLETE', { externalId: null });
    const before = fake.calls.length;
    await expect(inspector.inspect(request)).rejects.toMatchObject({ failure: 'role_trust_too_broad' });
    expect(fake.calls.slice(before).map((call) => call.action)).not.toContain('DescribeStacks');
  });

  it('refuses a role whose identity is in another account than the stack', async () => {
    const { request } = artistStack();
    fake.addRole({ roleArn: request.roleArn, externalId: request.externalId, accountId: '444455556666' });
    await expect(inspector.inspect(request)).rejects.toMatchObject({ failure: 'account_mismatch' });
  });

  it('answers stack_not_found for a stack that does not exist, and for one its policy does not let it read', async () => {
    const { request, stackId } = artistStack();
    await expect(inspector.inspect({ ...request, stack: 'no-such-stack' })).rejects.toMatchObject({
      failure: 'stack_not_found',
    });
    const other = artistStack();
    fake.addRole({ roleArn: request.roleArn, externalId: request.externalId, readableStacks: [stackId] });
    await expect(inspector.inspect({ ...request, stack: other.stackId })).rejects.toMatchObject({
      failure: 'stack_not_found',
    });
    expect(await inspector.inspect({ ...request, stack: stackId })).toMatchObject({ state: 'complete' });
  });

  it('turns an STS outage into an upstream failure', async () => {
    const { request } = artistStack();
    fake.failAll(true);
    try {
      await expect(inspector.inspect(request)).rejects.toMatchObject({ failure: 'upstream' });
    } finally {
      fake.failAll(false);
    }
  });

  it("tells Amply's own account from its credentials", async () => {
    expect(await inspector.ownAccountId()).toBe(fake.amplyAccountId);
  });
});

describe('stack states', () => {
  it('sorts CloudFormation status words into complete, in progress and failed', () => {
    const cases: Array<[string, string]> = [
      ['CREATE_COMPLETE', 'complete'],
      ['UPDATE_COMPLETE', 'complete'],
      ['UPDATE_ROLLBACK_COMPLETE', 'complete'],
      ['CREATE_IN_PROGRESS', 'in_progress'],
      ['UPDATE_ROLLBACK_IN_PROGRESS', 'in_progress'],
      ['CREATE_FAILED', 'failed'],
      ['ROLLBACK_IN_PROGRESS', 'failed'],
      ['ROLLBACK_COMPLETE', 'failed'],
      ['DELETE_IN_PROGRESS', 'failed'],
      ['DELETE_COMPLETE', 'failed'],
      ['UPDATE_ROLLBACK_FAILED', 'failed'],
    ];
    for (const [status, state] of cases) expect(stackState(status), status).toBe(state);
  });
});
