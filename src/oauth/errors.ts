import { DomainError } from '../errors.js';

/** The provider has no client id configured (`PROVIDER_NOT_CONFIGURED`, 503). */
export class ProviderNotConfiguredError extends DomainError {
  constructor(provider: string) {
    super('PROVIDER_NOT_CONFIGURED', 503, `Sign-in or connection with ${provider} is not configured here`);
  }
}

/**
 * The provider refused a grant with `invalid_grant`: the code or refresh token is expired, revoked or
 * already used. For a refresh token this means the user must authorize again (connections answer
 * `PLATFORM_REAUTH_REQUIRED`); it never means "try again later".
 */
export class InvalidGrantError extends DomainError {
  constructor(provider: string) {
    super('OAUTH_INVALID_GRANT', 400, `${provider} no longer accepts this grant; authorize again`);
  }
}

/**
 * The provider could not be reached or answered with something other than a usable result: a timeout,
 * a network error, a 5xx, or a malformed or unexpected answer (an `invalid_client` included — that is
 * our configuration, not the user's doing). Stored tokens stay as they were.
 */
export class UpstreamError extends DomainError {
  constructor(provider: string, cause?: unknown) {
    super('UPSTREAM_ERROR', 502, `${provider} did not answer as expected; try again shortly`, { cause });
  }
}

/**
 * Why an authorization callback was refused. `reason` is short and safe to put in a redirect
 * (`#error=<reason>`); it never contains anything the provider sent.
 */
export type CallbackFailure =
  /** No state, an unknown state, a state already used, or one issued for another provider or purpose. */
  | 'state_invalid'
  /** The state was issued more than 10 minutes ago. */
  | 'state_expired'
  /** The user refused (`error=access_denied`). */
  | 'access_denied'
  /** The provider answered with another `error=` (e.g. `invalid_request` for a request without PKCE). */
  | 'provider_error'
  /** The provider's answer failed a check: wrong `iss` (mix-up defence), bad ID token, missing code. */
  | 'response_invalid';

/** The error code each callback failure answers with. */
const CALLBACK_FAILURE_CODES: Record<CallbackFailure, string> = {
  state_invalid: 'OAUTH_STATE_INVALID',
  state_expired: 'OAUTH_STATE_EXPIRED',
  access_denied: 'OAUTH_ACCESS_DENIED',
  provider_error: 'OAUTH_PROVIDER_ERROR',
  response_invalid: 'OAUTH_RESPONSE_INVALID',
};

export class CallbackError extends DomainError {
  constructor(
    readonly reason: CallbackFailure,
    message: string,
    cause?: unknown,
  ) {
    super(CALLBACK_FAILURE_CODES[reason], 400, message, { cause });
  }
}

/**
 * The redirect-safe reason (`#error=` / `?error=`) for a failure any authorization callback can meet;
 * `undefined` for anything else, which the flow maps (or rethrows) itself.
 */
export function callbackFailureReason(error: unknown): string | undefined {
  if (error instanceof CallbackError) return error.reason;
  if (error instanceof ProviderNotConfiguredError) return 'provider_not_configured';
  if (error instanceof UpstreamError) return 'upstream_error';
  return undefined;
}

/** A connect or link code that is unknown, already redeemed, or issued for another provider or flow. */
export const redemptionCodeInvalid = () =>
  new DomainError('AUTH_CODE_INVALID', 400, 'This code is not valid or was already used; start again');

/** A connect or link code presented after its 60 seconds. */
export const redemptionCodeExpired = () =>
  new DomainError('AUTH_CODE_EXPIRED', 400, 'This code has expired; start again');

/**
 * A connect or link code redeemed by a user other than the one who started the flow: the browser that
 * finished it at the provider was not the starter's (someone may have sent its owner their link).
 * Nothing is stored for anyone, and the provider's tokens are revoked where it can.
 */
export const startedByAnotherAccount = () =>
  new DomainError(
    'OAUTH_STARTED_BY_ANOTHER_ACCOUNT',
    403,
    'This was started from another account, not yours; nothing was connected or linked',
  );
