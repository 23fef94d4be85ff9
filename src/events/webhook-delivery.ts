import type { WebhookEndpoint } from '../config.js';
import type { RecordedEvent } from './events.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

/** Only a 2xx answer counts: redirects are not followed, and anything else is retried. */
export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

/** Failed attempts are retried after 10 s, doubling up to an hour, for a day after the event. */
export const RETRY_WINDOW_MS = 24 * 3600 * 1000;
const FIRST_RETRY_MS = 10_000;
const LONGEST_RETRY_MS = 3600_000;

/**
 * How long to wait after the `failures`-th failed attempt: exponential, capped, with up to 10% jitter
 * so that subjects blocked by one outage do not all come back in the same second.
 */
export function retryDelayMs(failures: number, random = Math.random()): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), LONGEST_RETRY_MS);
  return Math.round(base * (1 + random * 0.1));
}

/** The JSON a receiver gets; the same bytes on every attempt (the signature's timestamp is what changes). */
export function webhookBody(event: RecordedEvent): string {
  return JSON.stringify({
    id: event.eventId,
    type: event.type,
    subject: event.subject,
    occurredAt: event.occurredAt,
    data: event.data,
  });
}

/** Where an endpoint is, for logs and `GET /dev/events`: its origin only, as a path may itself be a secret. */
export function endpointOrigin(endpoint: Pick<WebhookEndpoint, 'url'>): string {
  return new URL(endpoint.url).origin;
}

/**
 * POSTs one signed event to one endpoint; never throws for anything the endpoint or the network does.
 * `interrupt` aborts it (a server shutting down).
 */
export async function sendEvent(
  endpoint: WebhookEndpoint,
  event: RecordedEvent,
  attempt: number,
  nowSeconds: number,
  timeoutMs: number,
  interrupt?: AbortSignal,
): Promise<DeliveryOutcome> {
  const body = webhookBody(event);
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: interrupt
        ? AbortSignal.any([AbortSignal.timeout(timeoutMs), interrupt])
        : AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Amply-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(endpoint.secret, nowSeconds, body),
        'Amply-Event-Id': event.eventId,
        'Amply-Event-Type': event.type,
        'Amply-Delivery-Attempt': String(attempt),
      },
      body,
    });
    // The answer's body is not read: nothing in it is used, and it may be large.
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300
      ? { ok: true }
      : { ok: false, error: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause?.code;
    return { ok: false, error: typeof cause === 'string' ? cause : (error as Error).name || 'Error' };
  }
}
