import { randomBytes } from 'node:crypto';
import { type Clock, epochSeconds, isoTime } from '../clock.js';
import type { WebhookEndpoint } from '../config.js';
import type { Logger } from '../logger.js';
import { OUTBOX_RETENTION_SECONDS, outboxItem, PENDING_SHARDS } from './outbox-keys.js';
import type { Carrier, OutboxEvent, OutboxStore } from './outbox-store.js';
import type { DeliveryState } from './schemas.js';
import { endpointOrigin, RETRY_WINDOW_MS, retryDelayMs, sendEvent } from './webhook-delivery.js';

export interface DispatcherOptions {
  endpoints: WebhookEndpoint[];
  store: () => Promise<OutboxStore>;
  clock: Clock;
  logger: Logger;
  /** Copies of staged events go into the dev log too (the dev stage). */
  listed?: boolean;
  /** How long one endpoint may take to answer. */
  timeoutMs?: number;
  /** Subjects worked on at once. */
  concurrency?: number;
  /** The Node server's timer: a sweep of the pending index this often. */
  pollMs?: number;
}

/** What one pass did. */
export interface DispatchReport {
  delivered: number;
  /** Attempts that failed and will be retried. */
  retrying: number;
  /** Events given up on (a day of failures). */
  failed: number;
  /** Staged events copied from their items into the outbox. */
  relayed: number;
  /** Subjects skipped because another dispatcher holds their lease. */
  leased: number;
}

export interface DispatchInput {
  /** Subjects known to have new events (from a publish, or a stream record). */
  subjects?: string[];
  /** Items known to carry staged events (from a stream record). */
  carriers?: Carrier['key'][];
  /** Also sweep the pending index for everything due (the timer, a scheduled run). Default true. */
  sweep?: boolean;
}

/** Time for the writes around an attempt, on top of the attempt's own timeout. */
const LEASE_MARGIN_MS = 3000;
/** Events read per subject per lease; the rest wait for the next pass (they stay due). */
const SESSION_EVENTS = 100;
/** Pending-index entries read per partition per sweep round. */
const SWEEP_PAGE = 100;
const SWEEP_ROUNDS = 10;

/**
 * Delivers the outbox (docs/decisions/0038). Staged events found on their items are copied into the
 * outbox; each subject with due events gets a session: take the subject's lease (a conditional write,
 * so any number of dispatchers in any number of processes share the work and deliver each event once
 * under normal conditions), then walk its undelivered events oldest first, per endpoint: a failed
 * attempt holds back that subject's later events for that endpoint until it is retried and delivered,
 * or given up after a day. The Node server queues subjects from a timer's sweeps and from each publish;
 * the table stream's Lambda handler runs one `dispatch` per batch of records.
 */
export function createEventDispatcher(options: DispatcherOptions) {
  const { endpoints, clock, logger } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Long enough for an attempt and the writes around it, so a live holder never loses it mid-attempt; a
  // dead holder's subjects wait this long at most.
  const leaseMs = 2 * timeoutMs + 5000;
  const concurrency = options.concurrency ?? 8;
  const configured = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));

  const emptyReport = (): DispatchReport => ({ delivered: 0, retrying: 0, failed: 0, relayed: 0, leased: 0 });
  /** Everything this dispatcher did; `dispatch` answers the difference its pass made. */
  const totals = emptyReport();

  /** Copies an item's staged events into the outbox, then takes them off the item. */
  async function relay(store: OutboxStore, carrier: Carrier, subjects: Set<string>) {
    for (const event of carrier.events) {
      const item = outboxItem(event, {
        endpointIds: [...configured.keys()],
        listed: options.listed ?? false,
      });
      if (await store.createOnce(item)) totals.relayed += 1;
      subjects.add(event.subject);
    }
    // A failed condition: another event was staged meanwhile; the next pass copies it and clears the item.
    await store.clearStaged(carrier);
  }

  /**
   * When an event is next due: the earliest time any of its configured endpoints can move on it.
   * `movesAt` says, per endpoint walked, when that endpoint's stream for this subject moves next (its
   * blocked head's retry time); endpoints not walked are due now. Null: nothing left to do.
   */
  function dueOf(event: OutboxEvent, movesAt: Map<string, number>, now: number): number | null {
    let due: number | null = null;
    for (const id of event.endpoints) {
      if (!configured.has(id) || (event.deliveries[id]?.state ?? 'pending') !== 'pending') continue;
      const moves = movesAt.get(id) ?? now;
      const at = Number.isFinite(moves) ? moves : now;
      due = due === null ? at : Math.min(due, at);
    }
    return due;
  }

  /** Stops the deliveries in flight when the Node server shuts down; a new one once it has stopped. */
  let interrupt = new AbortController();

  /** One delivery attempt and the state it leaves; null when a shutdown interrupted it (it counts for nothing). */
  async function attempt(
    endpoint: WebhookEndpoint,
    event: OutboxEvent,
    previous: DeliveryState,
  ): Promise<DeliveryState | null> {
    const attempts = previous.attempts + 1;
    const signal = interrupt.signal;
    const outcome = await sendEvent(endpoint, event, attempts, epochSeconds(clock.now()), timeoutMs, signal);
    if (signal.aborted) return null;
    const now = clock.now();
    const at = isoTime(now);
    if (outcome.ok) {
      totals.delivered += 1;
      return { state: 'delivered', attempts, lastAttemptAt: at, finishedAt: at };
    }
    const context = {
      eventId: event.eventId,
      endpoint: endpoint.id,
      origin: endpointOrigin(endpoint),
      attempts,
    };
    if (now >= Date.parse(event.occurredAt) + RETRY_WINDOW_MS) {
      totals.failed += 1;
      logger.error({ ...context, failure: outcome.error }, 'event delivery given up after a day of retries');
      return { state: 'failed', attempts, lastAttemptAt: at, finishedAt: at, lastError: outcome.error };
    }
    totals.retrying += 1;
    logger.warn({ ...context, failure: outcome.error }, 'event delivery failed; it will be retried');
    return {
      state: 'pending',
      attempts,
      lastAttemptAt: at,
      nextAttemptAt: isoTime(now + retryDelayMs(attempts)),
      lastError: outcome.error,
    };
  }

  /** Works on one subject under its lease; skips it when another dispatcher holds the lease. */
  async function session(store: OutboxStore, subject: string): Promise<void> {
    const holder = randomBytes(12).toString('base64url');
    const started = clock.now();
    const lease = await store.takeLease(
      subject,
      holder,
      started,
      started + leaseMs,
      epochSeconds(started) + OUTBOX_RETENTION_SECONDS,
    );
    if (!lease) {
      totals.leased += 1;
      return;
    }
    let position = lease.position;
    let leaseUntil = started + leaseMs;
    let held = true;
    /** Before an attempt: the lease must outlast it, so it is extended when it might not. */
    const keepLease = async (now: number) => {
      if (leaseUntil - now > timeoutMs + LEASE_MARGIN_MS) return true;
      leaseUntil = now + leaseMs;
      held = await store.renewLease(subject, holder, leaseUntil);
      return held;
    };
    try {
      const events = await store.eventsAfter(subject, lease.position, SESSION_EVENTS);
      const movesAt = new Map<string, number>();
      for (const endpoint of endpoints) {
        let blockedUntil: number | undefined;
        for (const event of events) {
          const previous = event.deliveries[endpoint.id] ?? { state: 'pending', attempts: 0 };
          if (!event.endpoints.includes(endpoint.id) || previous.state !== 'pending') continue;
          if (blockedUntil !== undefined) continue; // waits behind an earlier event of this subject
          const now = clock.now();
          const retryAt = previous.nextAttemptAt ? Date.parse(previous.nextAttemptAt) : now;
          if (retryAt > now) {
            blockedUntil = retryAt;
            continue;
          }
          if (interrupt.signal.aborted || !(await keepLease(now))) break;
          const state = await attempt(endpoint, event, previous);
          if (!state) break; // the server is stopping: this event stays due
          event.deliveries = { ...event.deliveries, [endpoint.id]: state };
          if (state.state === 'pending') blockedUntil = Date.parse(state.nextAttemptAt as string);
          // Stored at once, so a crash after this attempt does not repeat it; when due is settled below.
          movesAt.set(endpoint.id, blockedUntil ?? clock.now());
          await store.recordDeliveries(event, dueOf(event, movesAt, clock.now()));
          event.dueAt = dueOf(event, movesAt, clock.now());
        }
        if (!held || interrupt.signal.aborted) break;
        movesAt.set(endpoint.id, blockedUntil ?? Number.POSITIVE_INFINITY);
      }
      // Another dispatcher has the subject now: everything left is its to write.
      if (!held) return;
      let contiguous = true;
      for (const event of events) {
        const due = dueOf(event, movesAt, clock.now());
        if (due !== event.dueAt) await store.recordDeliveries(event, due);
        if (due !== null) contiguous = false;
        if (contiguous) position = event.eventId;
      }
    } finally {
      if (held && !(await store.releaseLease(subject, holder, position))) held = false;
      if (!held)
        logger.warn({ subject }, 'an event dispatch outlasted its lease; a delivery may be repeated');
    }
  }

  // --- the work queue: subjects waiting for a session, `concurrency` sessions at a time -----------------
  /** Subject → what waits for its next session to end (a pass that queued it; a wake waits for nothing). */
  const queued = new Map<string, (() => void)[]>();
  const active = new Set<string>();
  const quietWaiters: (() => void)[] = [];

  const logFailure = (error: unknown) =>
    logger.error(
      { failure: (error as Error).name, message: (error as Error).message },
      'event dispatch failed',
    );

  /** Starts sessions for queued subjects while there is room; a subject already in a session waits for it. */
  function pump() {
    for (const [subject, waiters] of queued) {
      if (active.size >= concurrency) break;
      if (active.has(subject)) continue;
      queued.delete(subject);
      active.add(subject);
      void options
        .store()
        .then((store) => session(store, subject))
        .catch(logFailure)
        .finally(() => {
          active.delete(subject);
          for (const resolve of waiters) resolve();
          pump();
          if (active.size === 0) for (const resolve of quietWaiters.splice(0)) resolve();
        });
    }
  }

  /** Queues a session for the subject; resolves when a session that started after this call has ended. */
  function enqueue(subject: string): Promise<void> {
    return new Promise((resolve) => {
      queued.set(subject, [...(queued.get(subject) ?? []), resolve]);
      pump();
    });
  }

  /** Copies staged events from these items into the outbox; answers their subjects. */
  async function relayAll(store: OutboxStore, carriers: Carrier[]): Promise<Set<string>> {
    const subjects = new Set<string>();
    for (const carrier of carriers) {
      try {
        await relay(store, carrier, subjects);
      } catch (error) {
        logFailure(error);
      }
    }
    return subjects;
  }

  /** Reads what is due in every pending-index partition; answers its subjects and whether there was more. */
  async function sweep(store: OutboxStore): Promise<{ subjects: Set<string>; more: boolean }> {
    const now = clock.now();
    const subjects = new Set<string>();
    let more = false;
    for (let shard = 0; shard < PENDING_SHARDS; shard += 1) {
      const due = await store.due(`OUTBOX#${shard}`, now, SWEEP_PAGE);
      for (const subject of await relayAll(store, due.carriers)) subjects.add(subject);
      for (const subject of due.subjects) subjects.add(subject);
      more ||= due.more;
    }
    return { subjects, more };
  }

  /**
   * One pass over what is known or found to be due, until the sessions it queued have ended. Answers
   * what this dispatcher did meanwhile (a started loop's work included).
   */
  async function dispatch(input: DispatchInput = {}): Promise<DispatchReport> {
    const before = { ...totals };
    if (endpoints.length === 0) return emptyReport();
    const store = await options.store();
    const carriers: Carrier[] = [];
    for (const key of input.carriers ?? []) {
      const carrier = await store.carrier(key);
      if (carrier) carriers.push(carrier);
    }
    const subjects = new Set([...(input.subjects ?? []), ...(await relayAll(store, carriers))]);
    for (let round = 0; round < SWEEP_ROUNDS; round += 1) {
      const found = input.sweep === false ? { subjects: [], more: false } : await sweep(store);
      for (const subject of found.subjects) subjects.add(subject);
      await Promise.all([...subjects].map(enqueue));
      subjects.clear();
      if (!found.more || interrupt.signal.aborted) break;
    }
    const report = emptyReport();
    for (const key of Object.keys(report) as (keyof DispatchReport)[])
      report[key] = totals[key] - before[key];
    return report;
  }

  // --- the Node server's loop ---------------------------------------------------------------------
  let timer: NodeJS.Timeout | undefined;
  let looping = false;
  let sweeping: Promise<unknown> | undefined;

  /** A sweep, unless one is still running (and more sweeps while a sweep finds more than a page). */
  function sweepSoon() {
    if (!looping || sweeping) return;
    sweeping = dispatch({ sweep: true })
      .catch(logFailure)
      .finally(() => {
        sweeping = undefined;
      });
  }

  return {
    dispatch,

    /**
     * Starts the in-process loop: a sweep now and every `pollMs`, and a session for each woken subject.
     * Resolves once the first sweep (what an earlier run left) is done; the loop goes on regardless.
     */
    async start(): Promise<void> {
      if (looping || endpoints.length === 0) return;
      looping = true;
      sweepSoon();
      timer = setInterval(sweepSoon, options.pollMs ?? 5000);
      timer.unref();
      await sweeping;
    },

    /** A subject has a new event: deliver it now, without waiting for the next sweep. No-op unless started. */
    wake(subject: string): void {
      if (looping) void enqueue(subject);
    },

    /**
     * Stops the loop, interrupts the deliveries in flight (they stay due: the next start sends them again,
     * with the same ids) and waits for the sessions in progress to record what they finished.
     */
    async stop(): Promise<void> {
      looping = false;
      if (timer) clearInterval(timer);
      interrupt.abort();
      // Subjects not started yet stay due for the next start; the sessions running record what they did.
      for (const waiters of queued.values()) for (const resolve of waiters) resolve();
      queued.clear();
      await sweeping;
      if (active.size > 0) await new Promise<void>((resolve) => quietWaiters.push(resolve));
      interrupt = new AbortController();
    },
  };
}

export type EventDispatcher = ReturnType<typeof createEventDispatcher>;
