import { type Platform, unwrap } from '@amply/client';
import { useEffect, useState } from 'preact/hooks';
import { amply } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { Notice, Page, Problem, useAction, useLoad, when } from '../ui.js';

const PLATFORMS: Array<[Platform, string]> = [
  ['spotify', 'Spotify'],
  ['soundcloud', 'SoundCloud'],
  ['youtube', 'YouTube'],
];

/** A connection's status as a person reads it. */
function state(connection: { status: 'healthy' | 'needs_reauth' }): string {
  return connection.status === 'needs_reauth' ? 'needs reconnecting' : 'healthy';
}

/** Connected platforms: connect (through the platform's own pages), get a fresh token, disconnect. */
export function PlatformsPage() {
  const location = useLocation();
  const connected = new URLSearchParams(location.search).get('connected');
  const connections = useLoad(async () => unwrap(await amply.api.GET('/user/platforms')).items);
  const [token, setToken] = useState<{ platform: Platform; expiresIn: number; ending: string } | null>(null);
  const connect = useAction(async (platform: Platform) => {
    window.location.assign(await amply.platforms.startConnect(platform));
  });
  const refresh = useAction(async (platform: Platform) => {
    const access = unwrap(
      await amply.api.POST('/platforms/{platform}/refresh', { params: { path: { platform } } }),
    );
    setToken({ platform, expiresIn: access.expiresIn, ending: access.accessToken.slice(-4) });
  });
  const disconnect = useAction(async (platform: Platform) => {
    unwrap(await amply.api.DELETE('/user/platforms/{platform}', { params: { path: { platform } } }));
    connections.reload();
  });
  const byPlatform = new Map((connections.data ?? []).map((connection) => [connection.platform, connection]));
  return (
    <Page
      title="Platforms"
      intro="Amply keeps each platform's tokens encrypted and hands this browser a fresh access token."
    >
      {connected ? <Notice>{connected} is connected.</Notice> : null}
      {token ? (
        <Notice>
          A usable {token.platform} access token (…{token.ending}), valid for {token.expiresIn} seconds.
        </Notice>
      ) : null}
      <Problem error={connections.error ?? connect.error ?? refresh.error ?? disconnect.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Platform</th>
            <th scope="col">Account</th>
            <th scope="col">Connected</th>
            <th scope="col">State</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {PLATFORMS.map(([platform, label]) => {
            const connection = byPlatform.get(platform);
            return (
              <tr key={platform}>
                <th scope="row">{label}</th>
                <td>{connection?.platformUserId ?? '—'}</td>
                <td>{connection ? when(connection.connectedAt) : 'Not connected'}</td>
                <td>{connection ? state(connection) : '—'}</td>
                <td class="actions">
                  {connection && !connection.needsReauth ? (
                    <>
                      <button type="button" class="small" onClick={() => refresh.run(platform)}>
                        Refresh {label} token
                      </button>
                      <button type="button" class="small secondary" onClick={() => disconnect.run(platform)}>
                        Disconnect {label}
                      </button>
                    </>
                  ) : (
                    <button type="button" class="small" onClick={() => connect.run(platform)}>
                      {connection ? `Reconnect ${label}` : `Connect ${label}`}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Page>
  );
}

/**
 * Where a platform connect comes back (`/dashboard?connect_code=…&platform=…`): redeems the one-time code
 * with this session (only the account that started the connect gets it), then shows the platforms.
 */
export function ConnectReturnPage() {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const search = window.location.search;
    window.history.replaceState(null, '', window.location.pathname);
    amply.platforms
      .completeConnect(search)
      .then(
        (done) => navigate(done ? `/platforms?connected=${done.platform}` : '/platforms', { replace: true }),
        setError,
      );
  }, []);
  return (
    <Page title="Connecting">
      {error ? (
        <>
          <Problem error={error} />
          <p>
            <Link href="/platforms">Back to your platforms</Link>
          </p>
        </>
      ) : (
        <p role="status">One moment…</p>
      )}
    </Page>
  );
}
