import { AmplyFlowError } from './errors.js';
import { type KeyValueStorage, storedValue } from './storage.js';

/** A browser flow this client started and will finish when the provider sends the browser back. */
export interface StartedFlow {
  kind: 'sign-in' | 'link';
  provider: string;
  startedAt: number;
}

/** The server keeps a flow's state for 10 minutes; a started flow older than that cannot finish. */
const FLOW_LIFETIME_MS = 10 * 60 * 1000;
const FLOWS_KEY = 'amply.flows';

/**
 * The states of the SSO sign-ins and links this client started, kept in its storage (sessionStorage in a
 * browser: it survives the trip to the provider and back in the same tab). A redirect whose `state` is not
 * here was not started by this user: finishing it would sign them in to someone else's account (login CSRF).
 */
export function createFlowRegistry(storage: KeyValueStorage, now: () => number = Date.now) {
  const stored = storedValue<Record<string, StartedFlow>>(storage, FLOWS_KEY);
  const live = () =>
    Object.fromEntries(
      Object.entries(stored.get() ?? {}).filter(([, flow]) => now() - flow.startedAt < FLOW_LIFETIME_MS),
    );
  return {
    remember(state: string, flow: Omit<StartedFlow, 'startedAt'>): void {
      stored.set({ ...live(), [state]: { ...flow, startedAt: now() } });
    },
    /** The flow `state` names, forgotten as it is taken (a state finishes once); throws when unknown. */
    take(state: string | null, kind: StartedFlow['kind'], provider: string | null): StartedFlow {
      const flows = live();
      const flow = state ? flows[state] : undefined;
      if (state && flow) {
        delete flows[state];
        stored.set(flows);
      }
      if (!flow || flow.kind !== kind || (provider !== null && flow.provider !== provider)) {
        throw new AmplyFlowError(
          'state_mismatch',
          'This sign-in was not started in this browser (or was already finished): start it again',
        );
      }
      return flow;
    },
  };
}

export type FlowRegistry = ReturnType<typeof createFlowRegistry>;
