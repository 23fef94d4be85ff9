import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  makeTempDir,
  removeDir,
  request,
  type ServerProcess,
  signedUpUser,
  startServer,
} from './server-process.js';

/*
 * The template's inline callback function, taken out of the template the server hands out and run in a
 * child Node process the way CloudFormation's Lambda would run it: `index.js` required, `handler(event,
 * context)` called with a custom-resource event, killed if it outlives its timeout. CloudFormation's
 * pre-signed response URL is a loopback server here that records what the function answers.
 */

const ACCOUNT = '111122223333';
const RUNNER = `'use strict';
const { handler } = require('./index.js');
const timeoutMs = Number(process.env.LAMBDA_TIMEOUT_MS);
const end = Date.now() + timeoutMs;
// As Lambda does: a function still running at its timeout is stopped, whatever it was doing.
const timer = setTimeout(() => { process.stderr.write('Task timed out\\n'); process.exit(124); }, timeoutMs);
handler(JSON.parse(process.env.CFN_EVENT), { getRemainingTimeInMillis: () => end - Date.now() })
  // The invocation ends when the handler's promise settles (idle keep-alive sockets do not hold it).
  .then(() => process.exit(0), (error) => { process.stderr.write('handler threw ' + (error && error.name) + '\\n'); process.exit(1); });
`;

interface CloudFormationAnswer {
  Status: string;
  Reason: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  Data: { CallbackStatus: string };
}

let server: ServerProcess;
let dataDir: string;
let functionDir: string;
let cloudFormation: Server;
let cloudFormationUrl: string;
const answers = new Map<string, CloudFormationAnswer>();
let accessToken: string;

async function body(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const http = createServer(handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { server: http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  dataDir = await makeTempDir('artist-callback');
  functionDir = await makeTempDir('artist-function');
  server = await startServer({ dataDir, env: { AMPLY_STAGE: 'dev', AMPLY_AWS_ACCOUNT_ID: '999999999999' } });
  const responses = await listen(async (req, res) => {
    const requestId = new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() ?? '';
    answers.set(requestId, JSON.parse(await body(req)) as CloudFormationAnswer);
    res.end();
  });
  cloudFormation = responses.server;
  cloudFormationUrl = responses.url;

  accessToken = (await signedUpUser(server.baseUrl, 'artist')).accessToken;
});

afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => cloudFormation?.close(resolve));
  await Promise.all([dataDir, functionDir].filter(Boolean).map(removeDir));
});

/** A new artist, its callback token, and the function code from the template the server hands out. */
async function onboard(): Promise<{ artistId: string; token: string; dir: string }> {
  const artistId = `e2e-${randomUUID().slice(0, 8)}`;
  const created = await request(server.baseUrl, 'POST', '/artists', {
    token: accessToken,
    body: { artistId, displayName: 'E2E Artist', provider: 'aws' },
  });
  expect(created.status).toBe(201);
  const issued = await request(server.baseUrl, 'POST', `/artists/${artistId}/callback-tokens`, {
    token: accessToken,
  });
  const template = await request(server.baseUrl, 'GET', `/artists/${artistId}/templates/aws`, {
    token: accessToken,
  });
  expect(template.status).toBe(200);
  const source = parse(template.json.data.templateBody).Resources.CallbackFunction.Properties.Code.ZipFile;
  const dir = join(functionDir, artistId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.js'), source);
  await writeFile(join(dir, 'runner.cjs'), RUNNER);
  return { artistId, token: issued.json.data.token as string, dir };
}

/** A custom-resource event as CloudFormation sends it. */
function cfnEvent(
  requestType: 'Create' | 'Update' | 'Delete',
  artistId: string,
  token: string,
  callbackUrl: string,
  physicalResourceId?: string,
) {
  const requestId = randomUUID();
  return {
    requestId,
    event: {
      RequestType: requestType,
      ServiceToken: `arn:aws:lambda:eu-north-1:${ACCOUNT}:function:amply-callback`,
      ResponseURL: `${cloudFormationUrl}/cloudformation-response/${requestId}?X-Amz-Signature=abc`,
      StackId: `arn:aws:cloudformation:eu-north-1:${ACCOUNT}:stack/amply-${artistId}/0b1c2d3e-4f50-11ef-9a6b-0a1b2c3d4e5f`,
      RequestId: requestId,
      LogicalResourceId: 'AmplyCallback',
      ResourceType: 'Custom::AmplyCallback',
      ...(physicalResourceId ? { PhysicalResourceId: physicalResourceId } : {}),
      ResourceProperties: {
        ServiceToken: `arn:aws:lambda:eu-north-1:${ACCOUNT}:function:amply-callback`,
        ServiceTimeout: '300',
        CallbackUrl: callbackUrl,
        ApiKey: token,
        ArtistName: artistId,
        Outputs: {
          BucketName: `amply-${artistId}-${ACCOUNT}`,
          CloudFrontDomain: 'd2hk3examplecdn.cloudfront.net',
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/AmplyAccessRole-${artistId}`,
          DistributionId: 'E2QWRUHEXAMPLE',
        },
      },
    },
  };
}

/** Runs the function once in a child Node process, with a Lambda timeout; answers its exit and output. */
function runFunction(dir: string, event: object, timeoutMs: number) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['runner.cjs'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        CFN_EVENT: JSON.stringify(event),
        LAMBDA_TIMEOUT_MS: String(timeoutMs),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

const status = async (artistId: string) =>
  (await request(server.baseUrl, 'GET', `/artists/${artistId}/setup-status`, { token: accessToken })).json
    .data;

describe("the template's callback function, run as CloudFormation would run it", () => {
  it('on Create posts the outputs (signed) to the started server and answers CloudFormation SUCCESS', async () => {
    const { artistId, token, dir } = await onboard();
    const { requestId, event } = cfnEvent(
      'Create',
      artistId,
      token,
      `${server.baseUrl}/complete-artist-setup`,
    );

    const run = await runFunction(dir, event, 30_000);

    expect(run.code).toBe(0);
    expect(answers.get(requestId)).toEqual({
      Status: 'SUCCESS',
      Reason: 'Amply was told',
      PhysicalResourceId: `amply-callback-${artistId}`,
      StackId: event.StackId,
      RequestId: requestId,
      LogicalResourceId: 'AmplyCallback',
      Data: { CallbackStatus: 'delivered' },
    });
    expect(await status(artistId)).toMatchObject({
      status: 'complete',
      config: {
        cdnDomain: 'd2hk3examplecdn.cloudfront.net',
        stackId: event.StackId,
        completedVia: 'callback',
      },
    });
    // It never logs its event (the token is in it).
    expect(run.output).toContain('Amply callback (Create): delivered');
    expect(run.output).not.toContain(token);
    expect(server.stdout() + server.stderr()).not.toContain(token);

    // An Update with the same, spent token: Amply says it already has this; the stack is still fine.
    const update = cfnEvent(
      'Update',
      artistId,
      token,
      `${server.baseUrl}/complete-artist-setup`,
      `amply-callback-${artistId}`,
    );
    expect((await runFunction(dir, update.event, 30_000)).code).toBe(0);
    expect(answers.get(update.requestId)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `amply-callback-${artistId}`,
      Data: { CallbackStatus: 'already-delivered' },
    });
  });

  it('on Delete tells Amply, which offboards the artist (config and index entry go), and answers SUCCESS', async () => {
    const { artistId, token, dir } = await onboard();
    const callbackUrl = `${server.baseUrl}/complete-artist-setup`;
    await runFunction(dir, cfnEvent('Create', artistId, token, callbackUrl).event, 30_000);
    const indexed = await request(server.baseUrl, 'GET', '/amply-index.json');
    expect(indexed.json.artists.map((a: { artistId: string }) => a.artistId)).toContain(artistId);

    const { requestId, event } = cfnEvent(
      'Delete',
      artistId,
      token,
      callbackUrl,
      `amply-callback-${artistId}`,
    );
    const run = await runFunction(dir, event, 30_000);

    expect(run.code).toBe(0);
    expect(answers.get(requestId)).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: `amply-callback-${artistId}`,
      Data: { CallbackStatus: 'delivered' },
    });
    expect(await status(artistId)).toMatchObject({ status: 'pending', config: null });
    const after = await request(server.baseUrl, 'GET', '/amply-index.json');
    expect(after.json.artists.map((a: { artistId: string }) => a.artistId)).not.toContain(artistId);
  });

  it('with Amply unreachable, retries until its own deadline and still answers CloudFormation SUCCESS before timing out', async () => {
    const { artistId, token, dir } = await onboard();
    const closed = await listen(() => undefined);
    const deadUrl = `${closed.url}/complete-artist-setup`;
    await new Promise((resolve) => closed.server.close(resolve));
    const { requestId, event } = cfnEvent('Create', artistId, token, deadUrl);

    const run = await runFunction(dir, event, 6_000);

    expect(run.code).toBe(0);
    expect(run.output).not.toContain('Task timed out');
    expect(answers.get(requestId)).toMatchObject({ Status: 'SUCCESS', Data: { CallbackStatus: 'failed' } });
    expect(answers.get(requestId)?.Reason).toContain('ECONNREFUSED');
    expect(answers.get(requestId)?.Reason).toContain('verify-stack');
    expect((await status(artistId)).status).toBe('pending');
  });

  it('backs off between tries while Amply answers 503, and stops at the deadline', async () => {
    const { artistId, token, dir } = await onboard();
    const tries: number[] = [];
    const failing = await listen((_req, res) => {
      tries.push(Date.now());
      res.statusCode = 503;
      res.end('{"success":false,"error":{"code":"SERVICE_UNAVAILABLE"}}');
    });
    try {
      const { requestId, event } = cfnEvent(
        'Create',
        artistId,
        token,
        `${failing.url}/complete-artist-setup`,
      );
      const run = await runFunction(dir, event, 6_000);
      expect(run.code).toBe(0);
      expect(answers.get(requestId)).toMatchObject({ Status: 'SUCCESS', Data: { CallbackStatus: 'failed' } });
      expect(answers.get(requestId)?.Reason).toContain('HTTP 503 SERVICE_UNAVAILABLE');
      expect(tries.length).toBeGreaterThanOrEqual(3);
      const gaps = tries.slice(1).map((at, n) => at - (tries[n] as number));
      expect(gaps[1]).toBeGreaterThan(gaps[0] as number);
    } finally {
      await new Promise((resolve) => failing.server.close(resolve));
    }
  });

  it('stops at once when Amply refuses the token (401) and says why', async () => {
    const { artistId, dir } = await onboard();
    const wrong = `amply_${artistId}_${Date.now()}_${'0'.repeat(32)}`;
    const { requestId, event } = cfnEvent(
      'Create',
      artistId,
      wrong,
      `${server.baseUrl}/complete-artist-setup`,
    );
    const run = await runFunction(dir, event, 30_000);
    expect(run.code).toBe(0);
    expect(answers.get(requestId)).toMatchObject({ Status: 'SUCCESS', Data: { CallbackStatus: 'refused' } });
    expect(answers.get(requestId)?.Reason).toContain('HTTP 401 CALLBACK_TOKEN_INVALID');
  });
});
