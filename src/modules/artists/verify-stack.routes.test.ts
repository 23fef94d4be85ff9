import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_AMPLY_CREDENTIALS,
  type FakeAwsQueryServer,
  startFakeAwsQueryServer,
} from '../../../test/helpers/fake-aws-query-server.js';
import { createTestApp, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';
import { createAwsStackInspector } from '../../adapters/stack-inspector/aws-stack-inspector.js';
import { createOutboxStore } from '../../events/outbox-store.js';
import {
  AMPLY_ACCOUNT,
  ARTIST_ACCOUNT,
  awsOutputs,
  callbackBody,
  createArtist,
  issueToken,
  postCallback,
  stackArn,
} from './test-artists.js';

/*
 * POST /verify-stack with the real STS and CloudFormation SDK clients against the loopback FAKE of both
 * (test/helpers/fake-aws-query-server.ts), which plays the artist's AWS account.
 */

let fake: FakeAwsQueryServer;
let t: TestApp;
let owner: string;

beforeAll(async () => {
  fake = await startFakeAwsQueryServer(AMPLY_ACCOUNT);
  t = await createTestApp({
    env: { AMPLY_AWS_ACCOUNT_ID: AMPLY_ACCOUNT },
    stackInspector: createAwsStackInspector({
      region: 'eu-north-1',
      stsEndpoint: fake.url,
      cloudFormationEndpoint: fake.url,
      credentials: FAKE_AMPLY_CREDENTIALS,
      assumeRetryMs: 1,
    }),
  });
  owner = (await signedInUser(t, 'verifier')).accessToken;
});
afterAll(() => fake?.close());

/** An artist whose stack (and role, trusting Amply with the artist's ExternalId) exists in the fake. */
async function deployed(status: string, role: { externalId?: string | null; deniedAttempts?: number } = {}) {
  const { artistId, externalId } = await createArtist(t, owner);
  const roleArn = `arn:aws:iam::${ARTIST_ACCOUNT}:role/AmplyAccessRole-${artistId}`;
  fake.addRole({
    roleArn,
    externalId: role.externalId === undefined ? externalId : role.externalId,
    ...(role.deniedAttempts ? { deniedAttempts: role.deniedAttempts } : {}),
  });
  const stackId = stackArn(artistId);
  fake.addStack({
    stackId,
    stackName: `amply-${artistId}`,
    status,
    ...(status === 'ROLLBACK_COMPLETE'
      ? { reason: 'The following resource(s) failed to create: [Distribution].' }
      : {}),
    outputs: { ...awsOutputs(artistId), CallbackStatus: 'failed' },
  });
  return { artistId, externalId, stackId, roleArn };
}

const verify = (body: Record<string, unknown>, token = owner) =>
  t.call('POST', '/verify-stack', { token, body: { provider: 'aws', ...body } });

const setup = async (artistId: string) =>
  (await t.call('GET', `/artists/${artistId}/setup-status`, { token: owner })).json.data;

describe('POST /verify-stack', () => {
  it('saves the config of a complete stack exactly as the callback would (200)', async () => {
    const { artistId, stackId, externalId } = await deployed('CREATE_COMPLETE');
    const response = await verify({ artistId, stackName: stackId });
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({
      status: 'complete',
      stackStatus: 'CREATE_COMPLETE',
      config: {
        provider: 'aws',
        stackId,
        bucketName: `amply-${artistId}-${ARTIST_ACCOUNT}`,
        cloudfrontDomain: 'd1234567abcdef.cloudfront.net',
        roleArn: `arn:aws:iam::${ARTIST_ACCOUNT}:role/AmplyAccessRole-${artistId}`,
        completedVia: 'verify-stack',
      },
    });
    expect((await setup(artistId)).status).toBe('complete');
    const assumed = fake.calls.filter(
      (call) => call.action === 'AssumeRole' && call.params.RoleArn?.endsWith(artistId),
    );
    expect(assumed[0]?.params.ExternalId).toBe(externalId);
    const index = await t.call('GET', '/amply-index.json');
    expect(index.json.artists.map((a: { artistId: string }) => a.artistId)).toContain(artistId);
    const events = await createOutboxStore(
      await t.deps.db.documentClient(),
      t.deps.db.tableName,
    ).listBySubject(artistId);
    expect(events.map((event) => [event.type, event.data.completedVia])).toEqual([
      ['artist.setup_completed', 'verify-stack'],
    ]);
  });

  it('spends the live token, so the stack’s late callback is a replay (409)', async () => {
    const { artistId, stackId } = await deployed('CREATE_COMPLETE');
    const token = await issueToken(t, owner, artistId);
    expect((await verify({ artistId, stackName: stackId })).status).toBe(200);
    const late = await postCallback(t, callbackBody(artistId, token));
    expect(late.status).toBe(409);
    expect((await verify({ artistId, stackName: stackId })).json.data.status).toBe('complete');
  });

  it('finds the stack by name with accountId and region', async () => {
    const { artistId } = await deployed('CREATE_COMPLETE');
    const response = await verify({
      artistId,
      stackName: `amply-${artistId}`,
      accountId: ARTIST_ACCOUNT,
      region: 'eu-north-1',
    });
    expect(response.status).toBe(200);
    expect(response.json.data.status).toBe('complete');
  });

  it('answers 202 while the stack is being created, and while its role cannot be assumed yet', async () => {
    const creating = await deployed('CREATE_IN_PROGRESS');
    const inProgress = await verify({ artistId: creating.artistId, stackName: creating.stackId });
    expect(inProgress.status).toBe(202);
    expect(inProgress.json.data).toMatchObject({ status: 'pending', stackStatus: 'CREATE_IN_PROGRESS' });

    const young = await deployed('CREATE_COMPLETE', { deniedAttempts: 10 });
    const notYet = await verify({ artistId: young.artistId, stackName: young.stackId });
    expect(notYet.status).toBe(202);
    expect(notYet.json.data.message).toContain('cannot be assumed yet');
    expect((await setup(young.artistId)).status).toBe('pending');
  });

  it('retries AssumeRole while IAM propagates the new role, then completes', async () => {
    const { artistId, stackId } = await deployed('CREATE_COMPLETE', { deniedAttempts: 2 });
    expect((await verify({ artistId, stackName: stackId })).status).toBe(200);
  });

  it('answers 200 with status failed and the reason for a rolled-back stack, and publishes artist.setup_failed once', async () => {
    const { artistId, stackId } = await deployed('ROLLBACK_COMPLETE');
    const response = await verify({ artistId, stackName: stackId });
    expect(response.status).toBe(200);
    expect(response.json.data).toEqual({
      status: 'failed',
      message: 'The stack failed',
      stackStatus: 'ROLLBACK_COMPLETE',
      reason: 'The following resource(s) failed to create: [Distribution].',
      config: null,
    });
    expect(await setup(artistId)).toMatchObject({ status: 'failed', reason: response.json.data.reason });
    await verify({ artistId, stackName: stackId });
    const events = await createOutboxStore(
      await t.deps.db.documentClient(),
      t.deps.db.tableName,
    ).listBySubject(artistId);
    expect(events.map((event) => event.type)).toEqual(['artist.setup_failed']);
  });

  it('refuses a role that can be assumed without the ExternalId (confused deputy) and saves nothing', async () => {
    const { artistId, stackId } = await deployed('CREATE_COMPLETE', { externalId: null });
    const response = await verify({ artistId, stackName: stackId });
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('ARTIST_ROLE_TRUST_TOO_BROAD');
    expect((await setup(artistId)).status).toBe('pending');
    const reads = fake.calls.filter(
      (call) => call.action === 'DescribeStacks' && call.params.StackName === stackId,
    );
    expect(reads).toEqual([]);
  });

  it('never uses an ExternalId from the caller: a role made for another ExternalId stays out of reach', async () => {
    const { artistId, stackId } = await deployed('CREATE_COMPLETE', {
      externalId: 'chosen-by-an-attacker-0001',
    });
    const response = await t.call('POST', '/verify-stack', {
      token: owner,
      body: { artistId, stackName: stackId, provider: 'aws', externalId: 'chosen-by-an-attacker-0001' },
    });
    expect(response.status).toBe(400);
    expect((await verify({ artistId, stackName: stackId })).status).toBe(202);
  });

  it('answers 404 for a stack the role cannot see, and 502 when AWS fails', async () => {
    const { artistId, stackId } = await deployed('CREATE_COMPLETE');
    const missing = await verify({
      artistId,
      stackName: stackId.replace(`amply-${artistId}`, 'amply-nothing'),
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('ARTIST_STACK_NOT_FOUND');
    fake.failAll(true);
    try {
      const outage = await verify({ artistId, stackName: stackId });
      expect(outage.status).toBe(502);
      expect(outage.json.error.code).toBe('UPSTREAM_ERROR');
    } finally {
      fake.failAll(false);
    }
  });

  it('needs the stack’s ARN or its account, and the artist’s own provider', async () => {
    const { artistId } = await deployed('CREATE_COMPLETE');
    const nameOnly = await verify({ artistId, stackName: `amply-${artistId}` });
    expect(nameOnly.status).toBe(400);
    expect(nameOnly.json.error.details).toEqual([
      { field: 'stackName', message: "Give the stack's ARN, or its name together with accountId" },
    ]);
    const wrongProvider = await verify({ artistId, stackName: 'x', provider: 'gcp' });
    expect(wrongProvider.status).toBe(400);
  });

  it('answers 202 for gcp and azure until their callback arrives, then 200', async () => {
    const { artistId } = await createArtist(t, owner, { provider: 'gcp' });
    const waiting = await verify({ artistId, stackName: 'amply-deployment', provider: 'gcp' });
    expect(waiting.status).toBe(202);
    expect(waiting.json.data.status).toBe('pending');
    const token = await issueToken(t, owner, artistId);
    await postCallback(
      t,
      callbackBody(artistId, token, {
        provider: 'gcp',
        stack_id: 'projects/amply-artist-42/deployments/amply',
        outputs: {
          BucketName: 'amply-gcp-bucket',
          ServiceAccountEmail: 'amply-access@amply-artist-42.iam.gserviceaccount.com',
          ProjectId: 'amply-artist-42',
        },
      }),
    );
    const done = await verify({ artistId, stackName: 'amply-deployment', provider: 'gcp' });
    expect(done.status).toBe(200);
    expect(done.json.data).toMatchObject({ status: 'complete', config: { projectId: 'amply-artist-42' } });
  });

  it('is rate-limited with the callbacks, per IP', async () => {
    const limited = await createTestApp({ env: { AMPLY_RATE_LIMIT_ARTIST_CALLBACK: '2/60' } });
    const user = (await signedInUser(limited, 'poller')).accessToken;
    const { artistId } = await createArtist(limited, user, { provider: 'azure' });
    const body = { artistId, stackName: 'x', provider: 'azure' };
    const codes = [];
    for (let n = 0; n < 3; n += 1)
      codes.push((await limited.call('POST', '/verify-stack', { token: user, body })).status);
    expect(codes).toEqual([202, 202, 429]);
  });
});
