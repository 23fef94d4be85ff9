import type { Client } from 'openapi-fetch';
import { AmplyFlowError, unwrap } from './errors.js';
import type { FlowRegistry } from './flows.js';
import type { components, paths } from './generated/openapi.js';
import type { Session, TokenSet } from './session.js';

export type SsoProvider = components['schemas']['AuthProvider']['provider'];

/** The end of a sign-in: signed in (tokens stored), or TOTP is on and a code is needed. */
export type SignInResult = { status: 'signed-in' } | { status: 'mfa-required'; session: string };

/** Sign-in, second factor, SSO and provider links, sign-out: the token-holding side of identity. */
export function createAuth(api: Client<paths>, session: Session, flows: FlowRegistry) {
  function settle(answer: TokenSet | { challenge: 'MFA_REQUIRED'; session: string }): SignInResult {
    if ('challenge' in answer) return { status: 'mfa-required', session: answer.session };
    session.setTokens(answer);
    return { status: 'signed-in' };
  }

  return {
    /** Email and password. */
    async signIn(email: string, password: string): Promise<SignInResult> {
      return settle(unwrap(await api.POST('/auth/login', { body: { email, password } })));
    },

    /** Finishes a sign-in that answered `mfa-required`, with a TOTP or recovery code. */
    async verifyMfa(challengeSession: string, code: string): Promise<SignInResult> {
      return settle(
        unwrap(await api.POST('/auth/mfa/verify', { body: { session: challengeSession, code } })),
      );
    },

    /**
     * Ends the session with the refresh token alone (so it works after the access token expired), or
     * every session of the user; the stored tokens go either way.
     */
    async signOut(options: { allDevices?: boolean } = {}): Promise<void> {
      const tokens = session.tokens();
      session.setTokens(null);
      if (!tokens) return;
      unwrap(
        await api.POST('/auth/logout', {
          body: { refreshToken: tokens.refreshToken, allDevices: options.allDevices ?? false },
        }),
      );
    },

    /** Starts "Continue with <provider>": remembers the flow's state and answers where to send the browser. */
    async startSsoSignIn(provider: SsoProvider, options: { returnTo?: string } = {}): Promise<string> {
      const started = unwrap(
        await api.POST('/auth/{provider}/login', {
          params: { path: { provider } },
          body: options.returnTo ? { returnTo: options.returnTo } : {},
        }),
      );
      flows.remember(started.state, { kind: 'sign-in', provider });
      return started.authUrl;
    },

    /** Starts linking another provider to the signed-in account (a recent sign-in or the password). */
    async startLink(provider: SsoProvider, options: { currentPassword?: string } = {}): Promise<string> {
      const started = unwrap(
        await api.POST('/user/auth-providers/{provider}/link', {
          params: { path: { provider } },
          body: options.currentPassword ? { currentPassword: options.currentPassword } : {},
        }),
      );
      flows.remember(started.state, { kind: 'link', provider });
      return started.authUrl;
    },

    /**
     * Finishes an SSO sign-in or a link from the fragment of the `/auth/callback` address
     * (`#code=…&state=…` or `#link_code=…&provider=…&state=…`). The state must be one this client started;
     * otherwise nothing is exchanged (`AmplyFlowError` `state_mismatch`).
     */
    async completeSsoRedirect(
      fragment: string,
    ): Promise<SignInResult | { status: 'linked'; provider: SsoProvider }> {
      const params = new URLSearchParams(fragment.replace(/^#/, ''));
      const error = params.get('error');
      if (error) throw new AmplyFlowError('provider_error', `The sign-in did not complete: ${error}`, error);
      const state = params.get('state');
      const linkCode = params.get('link_code');
      if (linkCode) {
        const provider = flows.take(state, 'link', params.get('provider')).provider as SsoProvider;
        unwrap(
          await api.POST('/user/auth-providers/{provider}/complete', {
            params: { path: { provider } },
            body: { code: linkCode },
          }),
        );
        return { status: 'linked', provider };
      }
      const code = params.get('code');
      if (!code) throw new AmplyFlowError('nothing_to_finish', 'The address carries no sign-in to finish');
      flows.take(state, 'sign-in', null);
      return settle(unwrap(await api.POST('/auth/token', { body: { code } })));
    },

    /** Finishes a mailed sign-in link (`#code=…`, no state: the mail itself was the proof). */
    async completeSignInLink(fragment: string): Promise<SignInResult> {
      const code = new URLSearchParams(fragment.replace(/^#/, '')).get('code');
      if (!code) throw new AmplyFlowError('nothing_to_finish', 'The link carries no sign-in code');
      return settle(unwrap(await api.POST('/auth/token', { body: { code } })));
    },
  };
}
