import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedEngine } from '../../src/data/embedded-engine.js';
import { makeTempDir, removeDir, request, type ServerProcess, uniqueAddress } from '../e2e/server-process.js';
import { serverErrors, signUp, startReliabilityServer } from './harness.js';

/*
 * The races, over real sockets against the started server: concurrent notes, image completions,
 * idempotent creations and refreshes of one token all come out whole, and writes racing an account's
 * deletion leave nothing in the table.
 */

let server: ServerProcess;
let dataDir: string;
let user: Awaited<ReturnType<typeof signUp>>;

const GUITAR = { brand: 'Gretsch', model: 'White Falcon', year: 1955, type: 'hollow-body' };

beforeAll(async () => {
  dataDir = await makeTempDir('reliability-races');
  server = await startReliabilityServer({ dataDir, env: { AMPLY_DEV_OIDC: 'off' } });
  user = await signUp(server.baseUrl, uniqueAddress('races'));
});

afterAll(async () => {
  await server?.stop();
  if (dataDir) await removeDir(dataDir);
});

const call = (method: string, path: string, body?: unknown, token = user.accessToken) =>
  request(server.baseUrl, method, path, { token, ...(body === undefined ? {} : { body }) });

async function newGuitar(token = user.accessToken) {
  const created = await call('POST', '/guitars', GUITAR, token);
  expect(created.status).toBe(201);
  return created.json.data.id as string;
}

describe('races against the started server', () => {
  it('keeps all of 20 notes posted at once to one guitar', async () => {
    const id = await newGuitar();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call('POST', `/guitars/${id}/notes`, { content: `note ${i}` })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect((await call('GET', `/guitars/${id}`)).json.data.notes).toHaveLength(20);
  });

  it('records all of 8 images completed at once on one guitar, in one order with one primary', async () => {
    const id = await newGuitar();
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const keys = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const ticket = await call('POST', '/images/upload-url', {
          fileName: 'front.jpg',
          fileType: 'image/jpeg',
          fileSize: bytes.length,
        });
        const put = await fetch(ticket.json.data.uploadUrl, {
          method: 'PUT',
          headers: ticket.json.data.headers,
          body: new Uint8Array(bytes),
        });
        expect(put.status).toBe(200);
        return ticket.json.data.imageKey as string;
      }),
    );
    const answers = await Promise.all(
      keys.map((imageKey) => call('POST', '/images/upload-complete', { imageKey, guitarId: id })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    const images = (await call('GET', `/guitars/${id}`)).json.data.images;
    expect(images.map((image: { order: number }) => image.order)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(images.filter((image: { isPrimary: boolean }) => image.isPrimary)).toHaveLength(1);
  });

  it('creates one guitar for 10 concurrent POST /guitars with one Idempotency-Key', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${server.baseUrl}/guitars`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${user.accessToken}`,
            'content-type': 'application/json',
            'idempotency-key': 'race-key-1',
          },
          body: JSON.stringify({ ...GUITAR, model: 'Idempotent' }),
        }).then(async (response) => ({ status: response.status, json: (await response.json()) as any })),
      ),
    );
    const created = answers.filter((answer) => answer.status === 201);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    expect(new Set(created.map((answer) => answer.json.data.id)).size).toBe(1);
    const listed = (await call('GET', '/guitars?limit=100')).json.data.items;
    expect(listed.filter((item: { model: string }) => item.model === 'Idempotent')).toHaveLength(1);
  });

  it('gives 20 concurrent refreshes of one refresh token the same successor', async () => {
    const other = await signUp(server.baseUrl, uniqueAddress('races-refresh'));
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call('POST', '/auth/refresh', { refreshToken: other.refreshToken }, ''),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((answer) => answer.json.data.refreshToken)).size).toBe(1);
  });

  it('leaves nothing in the table of an account deleted while ten clients write under it', async () => {
    const doomed = await signUp(server.baseUrl, uniqueAddress('races-deleted'));
    let deleting = true;
    const statuses: number[] = [];
    const writer = async () => {
      for (let round = 0; deleting || round < 2; round += 1) {
        const id = await call('POST', '/guitars', GUITAR, doomed.accessToken);
        statuses.push(id.status);
        if (id.status === 201) {
          const note = await call(
            'POST',
            `/guitars/${id.json.data.id}/notes`,
            { content: 'racing' },
            doomed.accessToken,
          );
          statuses.push(note.status);
        }
      }
    };
    const writers = Array.from({ length: 10 }, writer);
    const deleted = await call('DELETE', '/user', { currentPassword: doomed.password }, doomed.accessToken);
    deleting = false;
    await Promise.all(writers);
    expect(deleted.status).toBe(200);
    expect(statuses.filter((status) => ![201, 401, 404].includes(status))).toEqual([]);
    expect((await call('GET', '/guitars', undefined, doomed.accessToken)).status).toBe(401);

    // Read the table itself, with the server stopped (one process per data folder).
    expect(serverErrors(server.stdout())).toEqual([]);
    await server.stop();
    const engine = await startEmbeddedEngine({ path: join(dataDir, 'dynamodb') });
    try {
      const client = DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: engine.endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
      );
      const left = await client.send(
        new ScanCommand({
          TableName: 'amply-dev',
          // The account's announcements (`user.deleted` among them) wait in the outbox for delivery.
          FilterExpression: '(contains(pk, :user) OR userId = :user) AND NOT begins_with(pk, :outbox)',
          ExpressionAttributeValues: { ':user': doomed.userId, ':outbox': 'EVENTS#' },
        }),
      );
      console.info(
        `deletion race: ${statuses.length} writes answered (${statuses.filter((status) => status === 201).length} × 201) ` +
          `around DELETE /user; ${left.Items?.length ?? 0} items left under the account`,
      );
      expect(left.Items ?? []).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
