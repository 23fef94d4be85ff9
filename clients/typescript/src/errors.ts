import type { components } from './generated/openapi.js';

/** The error envelope every Amply error answer carries. */
export type ErrorEnvelope = components['schemas']['Error'];

/** An error answer of the API: its stable `code`, the HTTP status, the request id and field problems. */
export class AmplyApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId: string | undefined;
  readonly details: Array<{ field: string; message: string }>;

  constructor(envelope: ErrorEnvelope['error'] | undefined, response: Response) {
    super(envelope?.message ?? `Amply answered ${response.status}`);
    this.name = 'AmplyApiError';
    this.code = envelope?.code ?? `HTTP_${response.status}`;
    this.status = response.status;
    this.requestId = envelope?.requestId ?? response.headers.get('x-request-id') ?? undefined;
    this.details = envelope?.details ?? [];
  }

  /** The error of an answer read outside openapi-fetch (an upload, a stream): its envelope, when it has one. */
  static async from(response: Response): Promise<AmplyApiError> {
    const envelope = (await response.json().catch(() => undefined)) as Partial<ErrorEnvelope> | undefined;
    return new AmplyApiError(envelope?.error, response);
  }
}

/** Why a browser flow (an SSO sign-in, a link, a connect) could not be finished on this side. */
export type FlowFailure =
  /** The redirect's `state` is not one this client started (login CSRF), or it was already used. */
  | 'state_mismatch'
  /** The redirect carries nothing this client can finish. */
  | 'nothing_to_finish'
  /** The provider or Amply reported a failure (`#error=…` / `?error=…`): the reason is in `detail`. */
  | 'provider_error';

/** A browser flow that stopped before any call was made, with the reason. */
export class AmplyFlowError extends Error {
  readonly reason: FlowFailure;
  readonly detail: string | undefined;

  constructor(reason: FlowFailure, message: string, detail?: string) {
    super(message);
    this.name = 'AmplyFlowError';
    this.reason = reason;
    this.detail = detail;
  }
}

/** openapi-fetch's answer to a call: the parsed success body, or the parsed error body. */
export interface CallResult<S> {
  data?: S;
  error?: unknown;
  response: Response;
}

/** The `data` of a success envelope; an `AmplyApiError` for an error answer. */
export function unwrap<D>(result: CallResult<{ success: true; data: D }>): D {
  if (result.data === undefined || !result.response.ok) {
    const envelope = result.error as Partial<ErrorEnvelope> | undefined;
    throw new AmplyApiError(envelope?.error, result.response);
  }
  return result.data.data;
}
