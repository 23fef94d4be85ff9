import { TABLE } from '../data/table.js';
import type { StagedEvent } from './events.js';

/*
 * An event written in the same item write as the change it reports (docs/decisions/0037). The
 * changed item carries it in `stagedEvents` and sits in the outbox's pending index (gsi4) until the
 * dispatcher has copied each staged event into the outbox and removed them from the item again.
 */

/** The pending index (a generic GSI): outbox events not yet delivered everywhere, and items carrying staged events. */
export const PENDING_INDEX = 'gsi4' as const;

/**
 * The attributes an ElectroDB entity declares (`...stagedEventAttributes` in its model) to carry events
 * with its writes. Such an entity cannot use gsi4 for an index of its own.
 */
export const stagedEventAttributes = {
  stagedEvents: {
    type: 'list',
    items: {
      type: 'map',
      properties: {
        eventId: { type: 'string', required: true },
        type: { type: 'string', required: true },
        subject: { type: 'string', required: true },
        data: { type: 'any', required: true },
        occurredAt: { type: 'string', required: true },
      },
    },
  },
  stagedEventsShard: { type: 'string', field: TABLE.indexes[PENDING_INDEX].partitionKey },
  stagedEventsAt: { type: 'string', field: TABLE.indexes[PENDING_INDEX].sortKey },
} as const;

/**
 * The two parts of an update that carries a staged event: what to append (never set: an event staged
 * earlier and not yet relayed would be overwritten) and the index keys to set. Both empty when there
 * is nothing to stage.
 */
export function stagedUpdate(staged: StagedEvent) {
  if (!('stagedEvents' in staged)) return { append: {}, set: {} };
  const { stagedEvents, ...keys } = staged;
  return { append: { stagedEvents }, set: keys };
}
