import type { Client } from 'openapi-fetch';
import { AmplyFlowError, unwrap } from './errors.js';
import type { components, paths } from './generated/openapi.js';

export type Platform = components['schemas']['PlatformConnection']['platform'];

/** Connecting Spotify, SoundCloud or YouTube: start in the browser, redeem the callback's one-time code. */
export function createPlatforms(api: Client<paths>) {
  return {
    /** Where to send the browser to connect `platform`. */
    async startConnect(platform: Platform): Promise<string> {
      return unwrap(await api.POST('/platforms/{platform}/connect', { params: { path: { platform } } }))
        .authUrl;
    },

    /**
     * Redeems the `connect_code` of the dashboard address the platform callback redirected to
     * (`?connect_code=…&platform=…`), with this client's session: only the account that started the connect
     * gets it. Null when the query carries no connect; `AmplyFlowError` for `?error=…`. Take the code out of
     * the address bar afterwards (it is single use).
     */
    async completeConnect(search: string): Promise<{ platform: Platform; connected: true } | null> {
      const params = new URLSearchParams(search.replace(/^\?/, ''));
      const error = params.get('error');
      if (error)
        throw new AmplyFlowError('provider_error', `The connection did not complete: ${error}`, error);
      const code = params.get('connect_code');
      const platform = params.get('platform') as Platform | null;
      if (!code || !platform) return null;
      return unwrap(
        await api.POST('/platforms/{platform}/complete', { params: { path: { platform } }, body: { code } }),
      );
    },
  };
}
