import { hasRoute } from '@amply/client';
import { amply } from '../api.js';
import { Page, Problem, useAction, useLoad, when } from '../ui.js';

/*
 * Device sessions and passkeys are being added to the API. This page appears (and the navigation links
 * it) once the client is generated from a document that has their routes; until then it is not shown.
 * It reads the routes as the API describes them (`GET /user/sessions`: device label, last use, the
 * current one; `DELETE /user/sessions/{sessionId}`) without their generated types, which do not exist yet.
 */

const sessionsAvailable = hasRoute('GET /user/sessions');
const passkeysAvailable = hasRoute('GET /user/passkeys');
export const devicesAvailable = sessionsAvailable || passkeysAvailable;

interface DeviceSession {
  sessionId: string;
  device?: string;
  deviceLabel?: string;
  lastUsedAt?: string;
  createdAt?: string;
  current?: boolean;
}

type Answer = { data?: { data: unknown }; response: Response };
/** The client without path types, for routes the generated types do not know yet. */
const loose = amply.api as unknown as Record<'GET' | 'DELETE', (path: string) => Promise<Answer>>;

async function untyped<T>(method: 'GET' | 'DELETE', path: string): Promise<T> {
  const result = await loose[method](path);
  if (!result.response.ok || !result.data) throw new Error(`The API answered ${result.response.status}`);
  return result.data.data as T;
}

function Sessions() {
  const sessions = useLoad(() => untyped<{ items: DeviceSession[] }>('GET', '/user/sessions'));
  const end = useAction(async (sessionId: string) => {
    await untyped('DELETE', `/user/sessions/${encodeURIComponent(sessionId)}`);
    sessions.reload();
  });
  return (
    <section class="panel" aria-labelledby="devices-heading">
      <h2 id="devices-heading">Signed-in devices</h2>
      <Problem error={sessions.error ?? end.error} />
      <ul class="list">
        {(sessions.data?.items ?? []).map((session) => (
          <li key={session.sessionId}>
            <strong>{session.deviceLabel ?? session.device ?? 'A device'}</strong>{' '}
            <span class="muted">last used {when(session.lastUsedAt ?? session.createdAt)}</span>
            {session.current ? (
              ' (this one)'
            ) : (
              <button type="button" class="small secondary" onClick={() => end.run(session.sessionId)}>
                Sign this device out
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DevicesPage() {
  return (
    <Page title="Devices and passkeys">
      {sessionsAvailable ? <Sessions /> : null}
      {passkeysAvailable ? (
        <section class="panel" aria-labelledby="passkeys-heading">
          <h2 id="passkeys-heading">Passkeys</h2>
          <p>Passkeys are available on this API; the console's passkey screens come with them.</p>
        </section>
      ) : null}
      {devicesAvailable ? null : <p>This API does not list devices or passkeys yet.</p>}
    </Page>
  );
}
