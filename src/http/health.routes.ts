import { createRoute, z } from '@hono/zod-openapi';
import type { Database } from '../data/database.js';
import { TABLE } from '../data/table.js';
import { ServiceUnavailableError } from '../errors.js';
import { errorResponses, jsonResponse, ok } from './envelope.js';
import { originRefusedResponse } from './origin-verify.js';
import { createRouter } from './router.js';

const Health = z.object({ status: z.literal('ok') }).openapi('Health');
const tags = ['Health'];

/** Liveness (`/health`: the process answers) and readiness (`/health/ready`: the table answers too). */
export function healthRoutes(db: Database) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/health',
        operationId: 'getHealth',
        tags,
        summary: 'Liveness',
        security: [],
        responses: { 200: jsonResponse(Health, 'Alive'), ...originRefusedResponse },
      }),
      (c) => ok(c, { status: 'ok' as const }),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/health/ready',
        operationId: 'getReadiness',
        tags,
        summary: 'Readiness: storage is reachable',
        security: [],
        responses: { 200: jsonResponse(Health, 'Ready'), ...originRefusedResponse, ...errorResponses(503) },
      }),
      async (c) => {
        try {
          const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
          const client = await db.documentClient();
          await client.send(
            new GetCommand({
              TableName: db.tableName,
              Key: { [TABLE.partitionKey]: 'HEALTH', [TABLE.sortKey]: 'HEALTH' },
            }),
            { abortSignal: AbortSignal.timeout(2000) },
          );
        } catch (error) {
          c.get('logger').warn({ requestId: c.get('requestId'), err: error }, 'storage is not reachable');
          throw new ServiceUnavailableError('Storage is not reachable');
        }
        return ok(c, { status: 'ok' as const });
      },
    );
}
