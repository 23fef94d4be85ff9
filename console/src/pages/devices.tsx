import { unwrap } from '@amply/client';
import { amply } from '../api.js';
import { Page, Problem, useAction, useLoad, when } from '../ui.js';

/*
 * The devices signed in to this account (each a session: a refresh-token family) and its passkeys.
 * Signing another device out ends its refresh tokens at once; adding a passkey needs the browser's
 * WebAuthn ceremony, which this console does not run yet, so passkeys are listed here.
 */

function Sessions() {
  const sessions = useLoad(async () => unwrap(await amply.api.GET('/user/sessions')).items);
  const end = useAction(async (sessionId: string) => {
    unwrap(await amply.api.DELETE('/user/sessions/{sessionId}', { params: { path: { sessionId } } }));
    sessions.reload();
  });
  return (
    <section class="panel" aria-labelledby="devices-heading">
      <h2 id="devices-heading">Signed-in devices</h2>
      <Problem error={sessions.error ?? end.error} />
      <ul class="list" aria-label="Signed-in devices">
        {(sessions.data ?? []).map((session) => (
          <li key={session.sessionId}>
            <strong>{session.device}</strong> <span class="muted">last used {when(session.lastUsedAt)}</span>
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

function Passkeys() {
  const passkeys = useLoad(async () => unwrap(await amply.api.GET('/user/passkeys')).items);
  return (
    <section class="panel" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      <Problem error={passkeys.error} />
      {passkeys.data?.length === 0 ? <p>No passkey yet.</p> : null}
      <ul class="list" aria-label="Passkeys">
        {(passkeys.data ?? []).map((passkey) => (
          <li key={passkey.passkeyId}>
            <strong>{passkey.name}</strong>{' '}
            <span class="muted">
              added {when(passkey.createdAt)}
              {passkey.lastUsedAt ? `, last used ${when(passkey.lastUsedAt)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DevicesPage() {
  return (
    <Page title="Devices and passkeys">
      <Sessions />
      <Passkeys />
    </Page>
  );
}
