import { describe, expect, it } from 'vitest';
import { createTestTable } from '../../test/helpers/test-app.js';
import { createOutboxStore } from './outbox-store.js';
import { createEventPublisher } from './publisher.js';

describe('event publisher', () => {
  it('records each event in its subject’s outbox partition, in the order published', async () => {
    const db = await createTestTable();
    let now = Date.parse('2026-11-30T10:00:00Z');
    const publisher = createEventPublisher(db, { now: () => now });
    const subject = `usr_${crypto.randomUUID()}`;
    await publisher.publish({ type: 'user.created', subject, data: { userId: subject } });
    now += 1;
    await publisher.publish({ type: 'user.deleted', subject, data: { userId: subject } });

    const items = await createOutboxStore(await db.documentClient(), db.tableName).listBySubject(subject);
    expect(items.map((item) => item.type)).toEqual(['user.created', 'user.deleted']);
    expect(items[0]).toMatchObject({
      subject,
      data: { userId: subject },
      occurredAt: '2026-11-30T10:00:00.000Z',
    });
    expect(items[0]?.eventId).toMatch(/^evt_/);
    expect(items[0]?.ttl).toBeGreaterThan(now / 1000);
  });
});
