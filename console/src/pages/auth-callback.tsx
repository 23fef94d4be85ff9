import { useEffect, useState } from 'preact/hooks';
import { amply, sessionChanged } from '../api.js';
import { Link, navigate } from '../router.js';
import { Page, Problem } from '../ui.js';
import { SecondFactorForm, useSignInResult } from './sign-in.js';

/** Runs `finish` once with the address's fragment, after taking the one-time code out of the address bar. */
function useFinish<T>(finish: (fragment: string) => Promise<T>) {
  const [state, setState] = useState<{ result?: T; error?: unknown }>({});
  useEffect(() => {
    const fragment = window.location.hash;
    window.history.replaceState(null, '', window.location.pathname);
    finish(fragment).then(
      (result) => setState({ result }),
      (error: unknown) => setState({ error }),
    );
  }, []);
  return state;
}

/** Where an SSO sign-in or a provider link comes back: `#code=…&state=…` or `#link_code=…&provider=…&state=…`. */
export function AuthCallbackPage() {
  const outcome = useSignInResult();
  const { result, error } = useFinish((fragment) => amply.auth.completeSsoRedirect(fragment));
  useEffect(() => {
    if (!result) return;
    if (result.status === 'linked') {
      sessionChanged();
      navigate(`/profile?linked=${result.provider}`, { replace: true });
    } else outcome.settle(result);
  }, [result]);
  if (outcome.challenge) {
    return (
      <Page title="Finishing sign-in">
        <SecondFactorForm challenge={outcome.challenge} onDone={outcome.done} />
      </Page>
    );
  }
  return (
    <Page title="Finishing sign-in">
      {error ? (
        <>
          <Problem error={error} />
          <p>
            <Link href="/sign-in">Back to sign-in</Link>
          </p>
        </>
      ) : (
        <p role="status">One moment…</p>
      )}
    </Page>
  );
}

/** Where a mailed sign-in link opens: `#code=…`. */
export function SignInLinkPage() {
  const outcome = useSignInResult();
  const { result, error } = useFinish((fragment) => amply.auth.completeSignInLink(fragment));
  useEffect(() => {
    if (result) outcome.settle(result);
  }, [result]);
  if (outcome.challenge) {
    return (
      <Page title="Signing in">
        <SecondFactorForm challenge={outcome.challenge} onDone={outcome.done} />
      </Page>
    );
  }
  return (
    <Page title="Signing in">{error ? <Problem error={error} /> : <p role="status">One moment…</p>}</Page>
  );
}
