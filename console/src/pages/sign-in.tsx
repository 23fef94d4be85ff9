import type { SignInResult, SsoProvider } from '@amply/client';
import { useState } from 'preact/hooks';
import { amply, sessionChanged } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { Field, Form, Notice, Page, Problem, useAction } from '../ui.js';

const PROVIDERS: Array<[SsoProvider, string]> = [
  ['google', 'Google'],
  ['microsoft', 'Microsoft'],
  ['github', 'GitHub'],
  ['spotify', 'Spotify'],
];

/** The TOTP step of a sign-in whose account has a second factor. */
export function SecondFactorForm({ challenge, onDone }: { challenge: string; onDone: () => void }) {
  const [code, setCode] = useState('');
  const verify = useAction(async () => {
    const result = await amply.auth.verifyMfa(challenge, code);
    if (result.status === 'signed-in') onDone();
  });
  return (
    <Form onSubmit={verify.run} label="Second factor">
      <h2>Second factor</h2>
      <Field
        label="Code from your authenticator app"
        value={code}
        onValue={setCode}
        inputMode="numeric"
        autocomplete="one-time-code"
        hint="Or one of your recovery codes."
        required
      />
      <Problem error={verify.error} />
      <button type="submit" disabled={verify.busy}>
        Verify
      </button>
    </Form>
  );
}

/** What to do with a sign-in's answer: done, or the second factor first. */
export function useSignInResult() {
  const [challenge, setChallenge] = useState<string | null>(null);
  const done = () => {
    sessionChanged();
    navigate('/');
  };
  const settle = (result: SignInResult) => {
    if (result.status === 'mfa-required') setChallenge(result.session);
    else done();
  };
  return { challenge, settle, done };
}

export function SignInPage({ reason }: { reason?: string } = {}) {
  const location = useLocation();
  const query = new URLSearchParams(location.search);
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [password, setPassword] = useState('');
  const outcome = useSignInResult();
  const signIn = useAction(async () => outcome.settle(await amply.auth.signIn(email, password)));
  const sso = useAction(async (provider: SsoProvider) => {
    window.location.assign(await amply.auth.startSsoSignIn(provider));
  });

  if (outcome.challenge) {
    return (
      <Page title="Sign in">
        <SecondFactorForm challenge={outcome.challenge} onDone={outcome.done} />
      </Page>
    );
  }
  return (
    <Page title="Sign in" intro={reason}>
      {query.get('confirmed') ? (
        <Notice>Your address is confirmed. Sign in with your password.</Notice>
      ) : null}
      <Form onSubmit={signIn.run} label="Sign in with email and password">
        <Field label="Email" type="email" value={email} onValue={setEmail} autocomplete="email" required />
        <Field
          label="Password"
          type="password"
          value={password}
          onValue={setPassword}
          autocomplete="current-password"
          required
        />
        <Problem error={signIn.error} />
        <button type="submit" disabled={signIn.busy}>
          Sign in
        </button>
      </Form>
      <section class="panel" aria-labelledby="sso-heading">
        <h2 id="sso-heading">Or continue with</h2>
        <div class="actions">
          {PROVIDERS.map(([provider, label]) => (
            <button
              key={provider}
              type="button"
              class="secondary"
              disabled={sso.busy}
              onClick={() => sso.run(provider)}
            >
              Continue with {label}
            </button>
          ))}
        </div>
        <Problem error={sso.error} />
      </section>
      <p>
        New here? <Link href="/sign-up">Create an account</Link>.
      </p>
    </Page>
  );
}
