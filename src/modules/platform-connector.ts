import type { ProviderIdentity, ProviderTokens } from '../oauth/client.js';
import type { PlatformName } from '../oauth/providers.js';

/**
 * What identity asks of connections: a Spotify sign-in also connects Spotify (MultiMusic v1), from the
 * tokens that sign-in obtained. Connections provides it; identity reaches it through `createModules`
 * without importing connections' code.
 */
export interface PlatformConnector {
  /** Stores (or replaces) the user's connection to `platform`, tokens encrypted, as a connect callback would. */
  saveConnection(
    userId: string,
    platform: PlatformName,
    completed: { tokens: ProviderTokens; identity: ProviderIdentity },
  ): Promise<void>;
}
