// The smallest useful Lambda: the cold-start floor Amply's bundle is compared with.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

export const handler = handle(new Hono().get('/health', (c) => c.json({ ok: true })));
