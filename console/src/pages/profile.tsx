import { type Schemas, type SsoProvider, unwrap } from '@amply/client';
import { useState } from 'preact/hooks';
import { amply, sessionChanged } from '../api.js';
import { navigate, useLocation } from '../router.js';
import { Field, Form, Notice, Page, Problem, useAction, useLoad, when } from '../ui.js';

function NameForm({ profile, onSaved }: { profile: Schemas['Profile']; onSaved: () => void }) {
  const [name, setName] = useState(profile.displayName);
  const save = useAction(async () => {
    unwrap(await amply.api.PUT('/user/name', { body: { name } }));
    onSaved();
  });
  return (
    <Form onSubmit={save.run} label="Display name" class="form inline">
      <Field label="Display name" value={name} onValue={setName} autocomplete="name" required />
      <button type="submit" disabled={save.busy}>
        Save name
      </button>
      <Problem error={save.error} />
    </Form>
  );
}

/** TOTP: set up (secret and otpauth URI), turn on with a code (recovery codes shown once), turn off. */
function SecondFactor({ enabled, onChanged }: { enabled: boolean; onChanged: () => void }) {
  const [password, setPassword] = useState('');
  const [setup, setSetup] = useState<Schemas['TotpSetup'] | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const body = password ? { currentPassword: password } : {};
  const start = useAction(async () => {
    setSetup(unwrap(await amply.api.POST('/auth/mfa/totp/setup', { body })));
  });
  const enable = useAction(async () => {
    setRecoveryCodes(unwrap(await amply.api.POST('/auth/mfa/totp/enable', { body: { code } })).recoveryCodes);
    setSetup(null);
    onChanged();
  });
  const disable = useAction(async () => {
    unwrap(await amply.api.DELETE('/auth/mfa/totp', { body }));
    setRecoveryCodes(null);
    onChanged();
  });
  return (
    <section class="panel" aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">Second factor (TOTP)</h2>
      {recoveryCodes ? (
        <Notice>
          <p>
            TOTP is on. Keep these recovery codes somewhere safe; each works once and they are not shown
            again:
          </p>
          <ul class="codes" aria-label="Recovery codes">
            {recoveryCodes.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <p>{enabled ? 'On: sign-ins ask for a code from your authenticator app.' : 'Off.'}</p>
      {setup ? (
        <Form onSubmit={enable.run} label="Turn on TOTP">
          <p>
            Add this key to your authenticator app (or open the otpauth link on your phone), then enter its
            code.
          </p>
          <dl class="facts">
            <dt>Key</dt>
            <dd>
              <code data-testid="totp-secret">{setup.secret}</code>
            </dd>
            <dt>Link</dt>
            <dd>
              <code class="wrap">{setup.otpauthUri}</code>
            </dd>
          </dl>
          <Field
            label="Code from the app"
            value={code}
            onValue={setCode}
            inputMode="numeric"
            autocomplete="one-time-code"
            required
          />
          <Problem error={enable.error} />
          <button type="submit" disabled={enable.busy}>
            Turn on TOTP
          </button>
        </Form>
      ) : (
        <Form onSubmit={enabled ? disable.run : start.run} label={enabled ? 'Turn off TOTP' : 'Set up TOTP'}>
          <Field
            label="Current password"
            type="password"
            value={password}
            onValue={setPassword}
            autocomplete="current-password"
            hint="Not needed within a few minutes of signing in."
          />
          <Problem error={start.error ?? disable.error} />
          <button type="submit" disabled={start.busy || disable.busy}>
            {enabled ? 'Turn off TOTP' : 'Set up TOTP'}
          </button>
        </Form>
      )}
    </section>
  );
}

function Providers() {
  const providers = useLoad(async () => unwrap(await amply.api.GET('/user/auth-providers')).items);
  const link = useAction(async (provider: SsoProvider) => {
    window.location.assign(await amply.auth.startLink(provider));
  });
  const unlink = useAction(async (provider: SsoProvider) => {
    unwrap(
      await amply.api.DELETE('/user/auth-providers/{provider}', { params: { path: { provider } }, body: {} }),
    );
    providers.reload();
  });
  return (
    <section class="panel" aria-labelledby="providers-heading">
      <h2 id="providers-heading">Sign-in providers</h2>
      <Problem error={providers.error ?? link.error ?? unlink.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Account</th>
            <th scope="col">Linked</th>
            <th scope="col">
              <span class="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(providers.data ?? []).map((entry) => (
            <tr key={entry.provider}>
              <th scope="row">{entry.provider}</th>
              <td>{entry.email ?? '—'}</td>
              <td>{entry.linked ? when(entry.linkedAt) : 'No'}</td>
              <td>
                {entry.linked ? (
                  <button type="button" class="small secondary" onClick={() => unlink.run(entry.provider)}>
                    Unlink {entry.provider}
                  </button>
                ) : (
                  <button type="button" class="small" onClick={() => link.run(entry.provider)}>
                    Link {entry.provider}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The signed-in user: who they are, the second factor, linked providers, signing out everywhere. */
export function ProfilePage() {
  const location = useLocation();
  const linked = new URLSearchParams(location.search).get('linked');
  const profile = useLoad(async () => unwrap(await amply.api.GET('/user/profile')));
  const everywhere = useAction(async () => {
    await amply.auth.signOut({ allDevices: true });
    sessionChanged();
    navigate('/sign-in');
  });
  const data = profile.data;
  return (
    <Page title="Profile">
      {linked ? <Notice>{linked} is linked: you can sign in with it.</Notice> : null}
      <Problem error={profile.error} />
      {data ? (
        <>
          <dl class="facts">
            <dt>Name</dt>
            <dd>{data.displayName}</dd>
            <dt>Email</dt>
            <dd>
              {data.email} {data.emailVerified ? '(verified)' : '(not verified)'}
            </dd>
            <dt>Signed up with</dt>
            <dd>{data.primaryAuthProvider}</dd>
            <dt>Member since</dt>
            <dd>{when(data.createdAt)}</dd>
          </dl>
          <NameForm profile={data} onSaved={profile.reload} />
          <SecondFactor enabled={data.mfaEnabled} onChanged={profile.reload} />
          <Providers />
          <section class="panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">Sessions</h2>
            <p>Signing out everywhere ends every session of this account, on every device.</p>
            <button
              type="button"
              class="secondary"
              onClick={() => everywhere.run()}
              disabled={everywhere.busy}
            >
              Sign out everywhere
            </button>
            <Problem error={everywhere.error} />
          </section>
        </>
      ) : null}
    </Page>
  );
}
