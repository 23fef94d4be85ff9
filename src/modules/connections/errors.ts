import { DomainError, NotFoundError } from '../../errors.js';

/* Connections' own errors; upstream failures are `UpstreamError` from src/oauth/errors.ts. */

export const notConnected = (platform: string) =>
  new NotFoundError(`${platform} is not connected to this account`, 'PLATFORM_NOT_CONNECTED');

/**
 * 409, not 401: the caller's Amply session is fine; it is the platform grant that is gone. A 401 would
 * make a client think its own session ended and sign the user out.
 */
export const reauthRequired = (platform: string) =>
  new DomainError('PLATFORM_REAUTH_REQUIRED', 409, `${platform} needs to be connected again`);
