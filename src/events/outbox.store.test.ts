import { randomBytes } from 'node:crypto';
import { Entity } from 'electrodb';
import { describe, expect, it } from 'vitest';
import { createTestTable } from '../../test/helpers/test-app.js';
import { GO, key } from '../data/entity-helpers.js';
import { TABLE } from '../data/table.js';
import type { StagedEvent } from './events.js';
import { pendingShard } from './outbox-keys.js';
import { createOutboxStore } from './outbox-store.js';
import { createEventPublisher } from './publisher.js';
import { stagedEventAttributes, stagedUpdate } from './staged-events.js';

const ENDPOINT = 'whk_0123456789abcdef';
const subjectId = () => `usr_${randomBytes(8).toString('hex')}`;

async function setup(options: { listed?: boolean } = {}) {
  const db = await createTestTable();
  let now = Date.parse('2026-11-30T10:00:00Z');
  const clock = { now: () => now };
  const publisher = createEventPublisher(db, clock, { endpointIds: [ENDPOINT], ...options });
  const client = await db.documentClient();
  const store = createOutboxStore(client, db.tableName);
  return {
    db,
    client,
    store,
    publisher,
    clock,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A module's item that carries events with its writes, as a module's entity declares it. */
function carrierEntity(client: Awaited<ReturnType<typeof setup>>['client'], table: string) {
  return new Entity(
    {
      model: { entity: 'testCarrier', version: '1', service: 'amply' },
      attributes: {
        carrierId: { type: 'string', required: true },
        status: { type: 'string' },
        ...stagedEventAttributes,
      },
      indexes: {
        byId: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an ElectroDB key template, filled in by ElectroDB
          pk: { field: TABLE.partitionKey, ...key('CARRIER#${carrierId}', ['carrierId']) },
          sk: { field: TABLE.sortKey, ...key('CARRIER', []) },
        },
      },
    },
    { client, table },
  );
}

describe('event outbox store', () => {
  it('records each event in its subject’s outbox partition, in the order published', async () => {
    const t = await setup();
    const subject = subjectId();
    await t.publisher.publish({ type: 'user.created', subject, data: { userId: subject } });
    t.advance(1);
    await t.publisher.publish({ type: 'user.deleted', subject, data: { userId: subject } });

    const items = await t.store.listBySubject(subject);
    expect(items.map((item) => item.type)).toEqual(['user.created', 'user.deleted']);
    expect(items[0]).toMatchObject({
      subject,
      data: { userId: subject },
      occurredAt: '2026-11-30T10:00:00.000Z',
      endpoints: [ENDPOINT],
    });
    expect(items[0]?.eventId).toMatch(/^evt_/);
    expect(items[0]?.ttl).toBeGreaterThan(t.clock.now() / 1000);
  });

  it('lists an undelivered event in the pending index from when it is due until it is done', async () => {
    const t = await setup();
    const subject = subjectId();
    await t.publisher.publish({ type: 'user.signed_in', subject, data: {} });
    const shard = pendingShard(subject);
    const now = t.clock.now();

    expect((await t.store.due(shard, now, 100)).subjects).toContain(subject);
    expect((await t.store.due(shard, now - 1, 100)).subjects).not.toContain(subject);

    const [event] = await t.store.eventsAfter(subject, undefined, 10);
    if (!event) throw new Error('the event was not recorded');
    await t.store.recordDeliveries(event, now + 60_000);
    expect((await t.store.due(shard, now + 59_999, 100)).subjects).not.toContain(subject);
    expect((await t.store.due(shard, now + 60_000, 100)).subjects).toContain(subject);

    event.deliveries = { [ENDPOINT]: { state: 'delivered', attempts: 1 } };
    await t.store.recordDeliveries(event, null);
    expect((await t.store.due(shard, now + 3600_000, 100)).subjects).not.toContain(subject);
    const [stored] = await t.store.eventsAfter(subject, undefined, 10);
    expect(stored).toMatchObject({ dueAt: null, deliveries: { [ENDPOINT]: { state: 'delivered' } } });
  });

  it('gives a subject’s lease to one holder at a time, to another once it lapses, and keeps the position', async () => {
    const t = await setup();
    const subject = subjectId();
    const now = t.clock.now();

    expect(await t.store.takeLease(subject, 'first', now, now + 1000, 0)).toEqual({ position: undefined });
    expect(await t.store.takeLease(subject, 'second', now + 999, now + 2000, 0)).toBeNull();
    expect(await t.store.releaseLease(subject, 'second', 'evt_x')).toBe(false);
    expect(await t.store.releaseLease(subject, 'first', 'evt_1')).toBe(true);

    expect(await t.store.takeLease(subject, 'second', now, now + 1000, 0)).toEqual({ position: 'evt_1' });
    expect(await t.store.renewLease(subject, 'first', now + 5000)).toBe(false);
    expect(await t.store.renewLease(subject, 'second', now + 1500)).toBe(true);
    expect(await t.store.takeLease(subject, 'third', now + 1499, now + 2000, 0)).toBeNull();
    // Its holder died: the lease lapses and another dispatcher takes the subject over.
    expect(await t.store.takeLease(subject, 'third', now + 1500, now + 2000, 0)).toEqual({
      position: 'evt_1',
    });
    expect(await t.store.releaseLease(subject, 'second', 'evt_2')).toBe(false);
  });

  it('clears staged events off their item only while it carries exactly the events read', async () => {
    const t = await setup();
    const carriers = carrierEntity(t.client, t.db.tableName);
    const carrierId = randomBytes(6).toString('hex');
    const subject = subjectId();
    const stage = (step: number) =>
      t.publisher.publishWith(
        { type: 'user.created', subject, data: { step } },
        async (staged: StagedEvent) => {
          const { append, set } = stagedUpdate(staged);
          await carriers
            .update({ carrierId })
            .set({ status: `step-${step}`, ...set })
            .append(append)
            .go(GO);
          // As if the process died right after the change: the event was not copied into the outbox.
          throw new Error('crashed');
        },
      );
    await expect(stage(1)).rejects.toThrow('crashed');
    expect(await t.store.listBySubject(subject)).toEqual([]);

    const [found] = (await t.store.due(pendingShard(subject), t.clock.now(), 100)).carriers.filter(
      (carrier) => carrier.key.pk === `CARRIER#${carrierId}`,
    );
    if (!found) throw new Error('the carrier is not in the pending index');
    expect(found.events.map((event) => event.data)).toEqual([{ step: 1 }]);

    t.advance(1);
    await expect(stage(2)).rejects.toThrow('crashed');
    expect(await t.store.clearStaged(found)).toBe(false);

    const again = await t.store.carrier(found.key);
    expect(again?.events.map((event) => event.data)).toEqual([{ step: 1 }, { step: 2 }]);
    expect(await t.store.clearStaged(again as NonNullable<typeof again>)).toBe(true);

    const item = (await carriers.get({ carrierId }).go({ ...GO, consistent: true })).data;
    expect(item).toMatchObject({ carrierId, status: 'step-2' });
    expect(item).not.toHaveProperty('stagedEvents');
    expect(await t.store.carrier(found.key)).toBeNull();
    const due = await t.store.due(pendingShard(subject), t.clock.now(), 100);
    expect(due.carriers.some((carrier) => carrier.key.pk === `CARRIER#${carrierId}`)).toBe(false);
  });

  it('pages the dev log newest first across subjects', async () => {
    const t = await setup({ listed: true });
    const subjects = [subjectId(), subjectId(), subjectId()];
    for (const subject of subjects) {
      await t.publisher.publish({ type: 'user.created', subject, data: {} });
      t.advance(1);
    }

    const first = await t.store.pageRecent(2, null);
    const second = await t.store.pageRecent(2, first.cursor);
    const seen = [...first.items, ...second.items].map((event) => event.subject);
    // The table is this test's own, so the log holds exactly these.
    expect(seen).toEqual([...subjects].reverse());
    expect(second.cursor).toBeNull();
  });
});
