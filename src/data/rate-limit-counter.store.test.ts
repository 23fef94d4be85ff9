import { randomBytes } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { createTestClock, createTestTable } from '../../test/helpers/test-app.js';
import { createTableRateLimiter } from './rate-limit-counter.js';

async function limiterPair(points: number, duration: number) {
  const db = await createTestTable();
  const clock = createTestClock();
  const client = await db.documentClient();
  const keyPrefix = `test-${randomBytes(4).toString('hex')}`;
  return {
    clock,
    first: createTableRateLimiter(client, db.tableName, clock, { keyPrefix, points, duration }),
    second: createTableRateLimiter(client, db.tableName, clock, { keyPrefix, points, duration }),
  };
}

describe('table rate limiter', () => {
  it('allows the configured points per window and refuses the next with the time left', async () => {
    const { first, clock } = await limiterPair(3, 60);
    clock.set(Date.UTC(2026, 0, 1, 0, 0, 10));
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await first.consume('ip-1'));
    expect(results.map((result) => result.remainingPoints)).toEqual([2, 1, 0]);
    const refused = await first.consume('ip-1').catch((rejection: unknown) => rejection);
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect((refused as RateLimiterRes).msBeforeNext).toBe(50_000);
  });

  it('starts afresh in the next window and counts keys apart', async () => {
    const { first, clock } = await limiterPair(1, 60);
    clock.set(Date.UTC(2026, 0, 1, 0, 0, 0));
    await first.consume('ip-1');
    await expect(first.consume('ip-1')).rejects.toBeInstanceOf(RateLimiterRes);
    expect((await first.consume('ip-2')).remainingPoints).toBe(0);
    clock.advance(60_000);
    expect((await first.consume('ip-1')).remainingPoints).toBe(0);
  });

  it('shares counts between limiter instances, as two Lambda instances would', async () => {
    const { first, second, clock } = await limiterPair(4, 60);
    clock.set(Date.UTC(2026, 0, 1, 0, 0, 0));
    await Promise.all([
      first.consume('ip-1'),
      second.consume('ip-1'),
      first.consume('ip-1'),
      second.consume('ip-1'),
    ]);
    await expect(second.consume('ip-1')).rejects.toBeInstanceOf(RateLimiterRes);
  });

  it('counts concurrent requests exactly', async () => {
    const { first, clock } = await limiterPair(10, 60);
    clock.set(Date.UTC(2026, 0, 1, 0, 0, 0));
    const settled = await Promise.allSettled(Array.from({ length: 25 }, () => first.consume('ip-1')));
    expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
  });
});
