// Generated from the Amply OpenAPI document by `npm run client:generate`. Do not edit by hand.

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: storage is reachable */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys that verify Amply tokens */
        get: operations["getJsonWebKeySet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenID discovery document */
        get: operations["getOpenIdConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account; a confirmation code is mailed
         * @description The answer is the same whether or not the address already has an account (that address gets a notice instead).
         */
        post: operations["registerAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an account with the mailed code */
        post: operations["confirmAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/resend-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a new confirmation code (the previous one stops working) */
        post: operations["resendConfirmationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description Returns tokens, or an MFA challenge when TOTP is on.
         */
        post: operations["signInWithPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish an MFA sign-in with a TOTP or recovery code */
        post: operations["verifyMfaChallenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a code to reset the password */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-in-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a one-time sign-in link (the way in while wrong passwords lock the address)
         * @description The link opens `FRONTEND_URL/auth/sign-in-link#code=…`; exchange the code at POST /auth/token within an hour. It works once, whether or not the address is locked, and asks for TOTP when it is on. The answer is the same for every address; one without a confirmed account gets a notice instead.
         */
        post: operations["requestSignInLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the mailed code; every session ends */
        post: operations["resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; other sessions end */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start TOTP setup: a secret and an otpauth:// URI */
        post: operations["startTotpSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn TOTP on with a code from the app; returns recovery codes once */
        post: operations["enableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Turn TOTP off */
        delete: operations["disableTotp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new tokens (the refresh token rotates) */
        post: operations["refreshTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session, or every session of the user
         * @description With the access token (`Authorization: Bearer`), or with `refreshToken` alone (as Cognito’s RevokeToken), so a client whose access token has expired can still sign out.
         */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in devices of this account, newest first
         * @description Each device is a session (one refresh-token family): its label is read from the User-Agent at sign-in, `lastUsedAt` is kept to within five minutes, `current` marks the calling token’s session.
         */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Sign one device out
         * @description Its refresh tokens stop working at once; its access tokens too when strict revocation is on (otherwise when they expire, within the hour). The caller’s own session may be named: that is a logout.
         */
        delete: operations["signOutSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/{provider}/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start signing in with a provider
         * @description Answers the provider URL to send the browser to. State, PKCE verifier and nonce stay on the server.
         */
        post: operations["startSsoSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/{provider}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where the provider sends the browser back
         * @description Always redirects to `FRONTEND_URL/auth/callback`: `#code=<one-time code>` (exchange it at POST /auth/token within 60 s), `#link_code=<one-time code>&provider=<provider>` after a link (nothing is linked until the signed-in user sends it to POST /user/auth-providers/{provider}/complete within 60 s), or `#error=<reason>` (state_invalid, state_expired, access_denied, provider_error, response_invalid, account_link_required, identity_linked_elsewhere, provider_already_linked, email_required, upstream_error, provider_not_configured). A success also carries `state`: check it equals the state your POST /auth/{provider}/login returned (login CSRF). Tokens never appear in a URL.
         */
        get: operations["handleSsoCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a one-time sign-in code for tokens
         * @description The code from an SSO redirect (valid 60 s) or a mailed sign-in link (valid an hour); single use. Answers as POST /auth/login does (an MFA challenge when TOTP is on).
         */
        post: operations["exchangeSignInCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/auth-providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sign-in providers: the linked ones and the ones that can be linked */
        get: operations["listAuthProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/auth-providers/{provider}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start linking another sign-in provider to this account
         * @description Answers the provider URL. Its callback links nothing: it redirects with `#link_code=…&provider=<provider>`, and POST /user/auth-providers/{provider}/complete with that code links the provider.
         */
        post: operations["startAuthProviderLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/auth-providers/{provider}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link the provider with the link callback's one-time code
         * @description Only the user who started the link can redeem its code (single use, 60 s). `OAUTH_STARTED_BY_ANOTHER_ACCOUNT` (403): another account started it — the browser that finished it was not the starter's; nothing is linked for anyone. `AUTH_CODE_INVALID` (400): unknown, already used, or another provider's code. `AUTH_CODE_EXPIRED` (400): start again. `AUTH_IDENTITY_LINKED_ELSEWHERE` / `AUTH_PROVIDER_ALREADY_LINKED` (409).
         */
        post: operations["completeAuthProviderLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/auth-providers/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unlink a sign-in provider
         * @description Refused (`AUTH_LAST_LOGIN_METHOD`) when it is the only way left to sign in. Needs `currentPassword` unless the access token comes from a sign-in within the last few minutes (`AUTH_RECENT_LOGIN_REQUIRED`).
         */
        delete: operations["unlinkAuthProvider"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: operations["getProfile"];
        /** Update name, avatar, or start an email change */
        put: operations["updateProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change the display name */
        put: operations["updateDisplayName"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/email/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a new email address with the code mailed to it */
        post: operations["confirmEmailChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything Amply holds about the user, as JSON */
        get: operations["exportUserData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete the account and everything it owns */
        delete: operations["deleteAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/security-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's security events, newest first (kept 90 days) */
        get: operations["listSecurityEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{userId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a user's account without a code */
        post: operations["confirmUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{userId}/security-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's security events, newest first */
        get: operations["listUserSecurityEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find accounts by the start of their email address
         * @description Case-insensitive prefix, in address order; paginated. Read from an index that follows changes within a moment (a just-registered account may take a second to appear).
         */
        get: operations["searchUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{userId}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable an account: its sessions end and every sign-in is refused
         * @description Sign-in of every kind and token refresh answer AUTH_USER_DISABLED; the account’s access tokens are refused on every route. Disabling a disabled account changes nothing.
         */
        post: operations["disableUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{userId}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a disabled account again (its user signs in anew) */
        post: operations["enableUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{userId}/resend-confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail an unconfirmed account a new confirmation code */
        post: operations["resendUserConfirmation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/passkeys/registration-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start adding a passkey: options for navigator.credentials.create()
         * @description Needs `currentPassword` unless the access token comes from a sign-in within the last few minutes (`AUTH_RECENT_LOGIN_REQUIRED`). `PASSKEY_LIMIT_REACHED` (409): the account holds 20 passkeys.
         */
        post: operations["startPasskeyRegistration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/passkeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's passkeys, oldest first */
        get: operations["listPasskeys"];
        put?: never;
        /**
         * Add the passkey the browser created
         * @description `PASSKEY_CEREMONY_INVALID` (400): the options' challenge was used, expired (5 min) or is another user's; start again. `PASSKEY_REGISTRATION_REFUSED` (400): wrong origin or RP ID, or no user verification. `PASSKEY_ALREADY_REGISTERED` (409).
         */
        post: operations["registerPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/passkeys/{passkeyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a passkey
         * @description Refused (`AUTH_LAST_LOGIN_METHOD`, 409) when it is the only way left to sign in. Needs `currentPassword` unless the access token comes from a sign-in within the last few minutes (`AUTH_RECENT_LOGIN_REQUIRED`).
         */
        delete: operations["deletePasskey"];
        options?: never;
        head?: never;
        /** Rename a passkey */
        patch: operations["renamePasskey"];
        trace?: never;
    };
    "/auth/passkey/options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start signing in with a passkey: options for navigator.credentials.get()
         * @description No address is asked: the browser offers the passkeys it holds for this site.
         */
        post: operations["startPasskeySignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/passkey/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with the passkey the browser used
         * @description Answers tokens as `POST /auth/login` does; a passkey is two factors, so no TOTP step follows. `AUTH_INVALID_CREDENTIALS` (401): unknown or removed passkey, bad signature, or a signature counter that went backwards. `PASSKEY_CEREMONY_INVALID` (400): the options' challenge was used or expired.
         */
        post: operations["signInWithPasskey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/platforms/{platform}/connect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start connecting a platform: where to send the browser */
        post: operations["startPlatformConnect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/platforms/{platform}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where the platform sends the browser back; redirects to the dashboard
         * @description Redirects to `FRONTEND_URL/dashboard?connect_code=<one-time code>&platform={platform}`: nothing is stored yet; the frontend sends the code to `POST /platforms/{platform}/complete` within 60 s with the signed-in user's token. With `AMPLY_CONNECT_REDEMPTION=off`, stores the connection at once and redirects to `?connected={platform}` instead. Failures redirect to `?error=<reason>&platform={platform}` with reason `state_invalid`, `state_expired`, `access_denied`, `response_invalid`, `upstream_error` or `provider_not_configured`. Never carries a token.
         */
        get: operations["handlePlatformCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/platforms/{platform}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a connect with the callback's one-time code
         * @description Only the user who started the connect can redeem its code (single use, 60 s). `OAUTH_STARTED_BY_ANOTHER_ACCOUNT` (403): another account started it — the browser that finished it was not the starter's; nothing is stored for anyone and the tokens are revoked at the platform where it can. `AUTH_CODE_INVALID` (400): unknown, already used, or another platform's code. `AUTH_CODE_EXPIRED` (400): connect again.
         */
        post: operations["completePlatformConnect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/platforms/{platform}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The platform's access token, refreshed when it expires within 5 minutes
         * @description Answers the stored access token while it has more than 5 minutes left; otherwise refreshes it at the platform first — once, however many requests (on however many servers) ask at the same time. `PLATFORM_REAUTH_REQUIRED` (409): the platform refused the grant; connect again. `UPSTREAM_ERROR` (502): the platform failed or timed out; the stored tokens are kept, try again.
         */
        post: operations["refreshPlatformToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/spotify/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * MultiMusic v1’s name for POST /platforms/spotify/refresh
         * @description Answers the stored access token while it has more than 5 minutes left; otherwise refreshes it at the platform first — once, however many requests (on however many servers) ask at the same time. `PLATFORM_REAUTH_REQUIRED` (409): the platform refused the grant; connect again. `UPSTREAM_ERROR` (502): the platform failed or timed out; the stored tokens are kept, try again.
         */
        post: operations["refreshSpotifyToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/platforms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's connected platforms (never their tokens) */
        get: operations["listPlatformConnections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/platforms/{platform}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Disconnect a platform (and revoke its tokens there, where it can) */
        delete: operations["disconnectPlatform"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guitars/brands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Distinct brands with how many guitars of each */
        get: operations["listGuitarBrands"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guitars/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many guitars, and purchase price and current value per currency */
        get: operations["getGuitarStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guitars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of guitars, newest year first; filter by brand, type and years */
        get: operations["listGuitars"];
        put?: never;
        /** Add a guitar */
        post: operations["createGuitar"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guitars/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One guitar with notes, images and private information */
        get: operations["getGuitar"];
        /** Replace the writable fields (images, notes and receipt stay) */
        put: operations["replaceGuitar"];
        post?: never;
        /** Delete the guitar, its images and its receipt */
        delete: operations["deleteGuitar"];
        options?: never;
        head?: never;
        /** Change some fields (JSON merge patch: null removes a field) */
        patch: operations["updateGuitar"];
        trace?: never;
    };
    "/guitars/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a note */
        post: operations["addGuitarNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guitars/{id}/notes/{noteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a note */
        delete: operations["deleteGuitarNote"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/upload-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A signed URL to PUT one image or receipt to (5 minutes; type and size bound) */
        post: operations["createImageUploadUrl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/upload-complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check, clean and record an uploaded image (or receipt) on a guitar */
        post: operations["completeImageUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/guitars/{id}/images/{imageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an image (the next one becomes primary) */
        delete: operations["deleteGuitarImage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/artists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every artist, newest first */
        get: operations["listArtists"];
        put?: never;
        /**
         * Become an artist: claim an artistId and choose where to deploy
         * @description The artistId is unique; another user's gets 409 `ARTIST_ID_TAKEN`. Repeating the same request (same artistId, displayName and provider) answers the same artist: the artistId is its own idempotency key. Amply generates the artist's ExternalId here.
         */
        post: operations["createArtist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/artists/{artistId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An artist's public view: name, provider and CDN */
        get: operations["getArtist"];
        put?: never;
        post?: never;
        /**
         * Offboard: the config, callback tokens, audit trail and index entry go
         * @description Owner only: anyone else gets 404 `ARTIST_NOT_FOUND`, as for an artist that does not exist. The artist's own cloud stack is the artist's to delete; its callback then finds nothing to remove.
         */
        delete: operations["deleteArtist"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/artists/{artistId}/callback-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A callback token for the stack (revokes the one before)
         * @description Owner only: anyone else gets 404 `ARTIST_NOT_FOUND`, as for an artist that does not exist. `amply_<artistId>_<unix-ms>_<32 hex>`, shown once (only its hash is kept), valid 24 hours, single use. Each call issues a new token and revokes the older ones, so a retried request never answers an earlier token.
         */
        post: operations["issueArtistCallbackToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/artists/{artistId}/templates/aws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The CloudFormation template to deploy, and a quick-create link
         * @description Owner only: anyone else gets 404 `ARTIST_NOT_FOUND`, as for an artist that does not exist. The template makes a private bucket behind CloudFront, the role `AmplyAccessRole-<artistId>` that Amply's account may assume only with the artist's ExternalId, and a callback that tells Amply when the stack is ready. `ARTIST_PROVIDER_MISMATCH` (409) for an artist on another provider; `PROVIDER_NOT_CONFIGURED` (503) while Amply's own AWS account is unknown.
         */
        get: operations["getArtistAwsTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/artists/{artistId}/setup-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the stack has called back: pending, complete (with the config) or failed
         * @description Owner only: anyone else gets 404 `ARTIST_NOT_FOUND`, as for an artist that does not exist. Works on every runtime; poll it where server-sent events cannot stream.
         */
        get: operations["getArtistSetupStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/artists/{artistId}/setup-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events: the setup status, again whenever it changes
         * @description Owner only (404 otherwise). `event: status`, `data:` the setup-status answer, `id:` its version; a comment every 15 s keeps the connection open. Send `Last-Event-ID` when reconnecting. The stream ends when the setup is complete or failed. EventSource cannot send an Authorization header: read the stream with fetch. On AWS Lambda responses cannot stream, so each request answers the current status once with `retry: 10000` (polling, as GET setup-status does).
         */
        get: operations["streamArtistSetupEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/complete-artist-setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The artist's stack reports its outputs (called by the stack, not a user)
         * @description The original Amply callback body, snake_case. Accepts only the artist's live, unused callback token (401 `CALLBACK_TOKEN_INVALID` / `CALLBACK_TOKEN_EXPIRED`; a token already used is 409 `CALLBACK_ALREADY_RECEIVED`); checks `X-Amply-Signature` when present (401 `CALLBACK_SIGNATURE_INVALID`); validates the outputs (400 with `details`). Stores the config, spends the token, records an audit entry, publishes `artist.setup_completed` and rebuilds `/amply-index.json`. `request_type: Delete` (the stack was deleted) removes the config again with the token it was stored with. The answer carries `artistId`, `provider` and `message` both in `data` and beside it, where existing clients of the original endpoint read them.
         */
        post: operations["completeArtistSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/verify-stack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The polling fallback: Amply reads the artist's stack itself
         * @description Owner only (404 otherwise). For `aws`, assumes `AmplyAccessRole-<artistId>` in the stack's account with the artist's ExternalId and reads the stack: complete → the config is saved exactly as the callback would (200); still being created (or the role not usable yet) → 202; failed or rolled back → 200 with status `failed` and the reason. A role that can be assumed without the ExternalId is refused (409 `ARTIST_ROLE_TRUST_TOO_BROAD`), as is one in another account (409 `ARTIST_ROLE_ACCOUNT_MISMATCH`). `gcp` and `azure` answer 202 until their callback arrives.
         */
        post: operations["verifyArtistStack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/amply-index.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The central index of ready artists (the blob itself, not an envelope)
         * @description One JSON document, rewritten whole from the table whenever an artist becomes ready or stops being ready; the same document as the `amply-index.json` blob in storage.
         */
        get: operations["getArtistIndex"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s casting profile */
        get: operations["getMyProfile"];
        /** Create or replace the caller’s profile; the username is claimed atomically */
        put: operations["putMyProfile"];
        post?: never;
        /** Delete the caller’s profile, portfolio and username (the account stays) */
        delete: operations["deleteMyProfile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/upload-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A signed URL to PUT one image to (avatar, portfolio picture or casting cover; 5 minutes) */
        post: operations["createProfileUploadUrl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/avatar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Check, clean and set an uploaded image as the avatar (with a thumbnail) */
        put: operations["setMyAvatar"];
        post?: never;
        /** Remove the avatar */
        delete: operations["deleteMyAvatar"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/portfolio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s portfolio, in order */
        get: operations["listMyPortfolio"];
        put?: never;
        /** Add a portfolio item (at `position`, or at the end) */
        post: operations["addPortfolioItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/portfolio/{itemId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a portfolio item’s fields and move it to `position` */
        put: operations["replacePortfolioItem"];
        post?: never;
        /** Delete a portfolio item and its picture */
        delete: operations["deletePortfolioItem"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/portfolio/{itemId}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Check, clean and set an uploaded image as the item’s picture */
        put: operations["setPortfolioItemImage"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public profiles, newest first */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/by-username/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A public profile by username, in any letter case */
        get: operations["getUserByUsername"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A public profile */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/portfolio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user’s portfolio, in order */
        get: operations["listUserPortfolio"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/castings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open castings, newest first; filter by role type, location, compensation type, or words (`q`) */
        get: operations["listCastings"];
        put?: never;
        /** Post a casting call (recruiter role) */
        post: operations["createCasting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/castings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One casting (an expired one only for its owner) */
        get: operations["getCasting"];
        /** Replace a casting’s fields (owner) */
        put: operations["replaceCasting"];
        post?: never;
        /** Delete a casting with its applications and cover (owner) */
        delete: operations["deleteCasting"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/castings/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a casting: off the lists, no more applications (owner) */
        post: operations["closeCasting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/castings/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen a closed, unexpired casting (owner) */
        post: operations["reopenCasting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/castings/{id}/cover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Check, clean and set an uploaded image as the cover (owner) */
        put: operations["setCastingCover"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/recruiters/{recruiterId}/castings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A recruiter’s unexpired castings (open and closed), newest first, created from..to */
        get: operations["listRecruiterCastings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/castings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user’s unexpired castings (open and closed), newest first */
        get: operations["listUserCastings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/castings/{id}/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A casting’s applications, newest first, optionally of one status (owner) */
        get: operations["listCastingApplications"];
        put?: never;
        /** Apply (artist role; once per casting), answering its questions and attaching portfolio items */
        post: operations["applyToCasting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/castings/{id}/applications/{applicationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw one’s own application */
        delete: operations["withdrawApplication"];
        options?: never;
        head?: never;
        /** Shortlist, reject or accept an application (owner); the applicant is mailed */
        patch: operations["setApplicationStatus"];
        trace?: never;
    };
    "/user/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s applications with their status, newest first */
        get: operations["listMyApplications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages in the dev outbox (dev stage only) */
        get: operations["listOutboxMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dev/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent events and their delivery state (dev stage only)
         * @description What Amply recorded for other systems, newest first, with each configured endpoint’s delivery state (pending, delivered, failed; attempts; the last error). Only from this machine.
         */
        get: operations["listDevEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        Error: {
            /** @enum {boolean} */
            success: false;
            error: {
                /** @example VALIDATION_ERROR */
                code: string;
                message: string;
                statusCode: number;
                requestId: string;
                details?: {
                    field: string;
                    message: string;
                }[];
            };
        };
        /** @description RFC 7517 key set (not in the envelope: JWT libraries read it as is) */
        JsonWebKeySet: {
            keys: {
                [key: string]: unknown;
            }[];
        };
        OpenIdConfiguration: {
            issuer: string;
            jwks_uri: string;
            response_types_supported: string[];
            subject_types_supported: string[];
            id_token_signing_alg_values_supported: string[];
            scopes_supported: string[];
            claims_supported: string[];
        };
        CodeDelivery: {
            message: string;
            delivery: {
                /** @enum {string} */
                medium: "EMAIL";
                /** @example a***@e***.com */
                destination: string;
            };
        };
        RegisterRequest: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** Format: password */
            password: string;
            /** @example Ada Lovelace */
            name: string;
        };
        Profile: {
            userId: string;
            email: string;
            displayName: string;
            avatarUrl: string | null;
            /** @example password */
            primaryAuthProvider: string;
            emailVerified: boolean;
            mfaEnabled: boolean;
            /** Format: date-time */
            createdAt: string;
            /** @description A new address waiting for its code */
            pendingEmail: string | null;
        };
        ConfirmRequest: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** @example 123456 */
            code: string;
        };
        EmailRequest: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
        };
        TokenSet: {
            accessToken: string;
            idToken: string;
            refreshToken: string;
            /** @example 3600 */
            expiresIn: number;
            /** @enum {string} */
            tokenType: "Bearer";
        };
        /** @description TOTP is on: send `session` and a code to POST /auth/mfa/verify */
        MfaChallenge: {
            /** @enum {string} */
            challenge: "MFA_REQUIRED";
            session: string;
        };
        LoginRequest: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** Format: password */
            password: string;
        };
        MfaVerifyRequest: {
            session: string;
            /** @example 123456 */
            code: string;
        };
        Message: {
            message: string;
        };
        ResetPasswordRequest: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** @example 123456 */
            code: string;
            /** Format: password */
            newPassword: string;
        };
        ChangePasswordRequest: {
            /** Format: password */
            currentPassword: string;
            /** Format: password */
            newPassword: string;
        };
        /** @description Show otpauthUri as a QR code; then confirm with a code */
        TotpSetup: {
            secret: string;
            otpauthUri: string;
        };
        ReauthenticationRequest: {
            /**
             * Format: password
             * @description Required unless the access token comes from a sign-in within the last few minutes
             */
            currentPassword?: string;
        };
        RecoveryCodes: {
            /** @description Shown once; each works once */
            recoveryCodes: string[];
        };
        TotpCodeRequest: {
            /** @example 123456 */
            code: string;
        };
        RefreshRequest: {
            refreshToken: string;
        };
        LogoutRequest: {
            /**
             * @description End every session of the user
             * @default false
             */
            allDevices?: boolean;
            /** @description Sign out with the refresh token alone (no access token needed, e.g. once it has expired): its session ends. An unknown or already ended token changes nothing and is answered the same (RFC 7009). */
            refreshToken?: string;
        };
        DeviceSessionPage: {
            items: components["schemas"]["DeviceSession"][];
            nextCursor: string | null;
        };
        DeviceSession: {
            /** @example ses_01jd8x4m9q2v7k3n5p6r8s0t1w */
            sessionId: string;
            /**
             * @description Read from the User-Agent at sign-in
             * @example Firefox on Windows
             */
            device: string;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Kept to within a few minutes of the latest use
             */
            lastUsedAt: string;
            /** @description The session of the access token making this request */
            current: boolean;
        };
        AuthorizationStart: {
            /** @description Send the browser here (the provider's sign-in page) */
            authUrl: string;
            /** @description The flow id; kept server-side, single use, 10 minutes */
            state: string;
        };
        SsoStartRequest: {
            /** @description Where the frontend goes afterwards; must be on AMPLY_RETURN_TO_ALLOWLIST */
            returnTo?: string;
        };
        SignInCodeRequest: {
            /** @description The `code` from the redirect fragment or the sign-in link */
            code: string;
        };
        AuthProviderPage: {
            items: components["schemas"]["AuthProvider"][];
            /** @description Always null: the list has one entry per provider */
            nextCursor: null;
        };
        AuthProvider: {
            /** @enum {string} */
            provider: "google" | "microsoft" | "github" | "spotify";
            email: string | null;
            linked: boolean;
            linkedAt: string | null;
        };
        LinkStartRequest: {
            /** @description Where the frontend goes afterwards; must be on AMPLY_RETURN_TO_ALLOWLIST */
            returnTo?: string;
            /**
             * Format: password
             * @description Required unless the access token comes from a sign-in within the last few minutes
             */
            currentPassword?: string;
        };
        RedemptionCodeRequest: {
            /** @description The one-time code from the redirect; single use, valid 60 s */
            code: string;
        };
        ProfileUpdateRequest: {
            /** @example Ada Lovelace */
            displayName?: string;
            /** Format: uri */
            avatarUrl?: string | null;
            /**
             * Format: email
             * @description A new address; effective once the code mailed to it is confirmed
             * @example ada@example.com
             */
            email?: string;
            /**
             * Format: password
             * @description Needed to change the email address
             */
            currentPassword?: string;
        };
        NameRequest: {
            /** @example Ada Lovelace */
            name: string;
        };
        EmailCodeRequest: {
            /** @example 123456 */
            code: string;
        };
        SecurityEventPage: {
            items: components["schemas"]["SecurityEvent"][];
            nextCursor: string | null;
        };
        SecurityEvent: {
            eventId: string;
            /** @example login.succeeded */
            type: string;
            /** Format: date-time */
            at: string;
            ip: string | null;
            userAgent: string | null;
            sessionId: string | null;
            reason: string | null;
            /** @description The administrator who did this, for admin actions */
            adminId: string | null;
        };
        AdminUserPage: {
            items: components["schemas"]["AdminUser"][];
            nextCursor: string | null;
        };
        AdminUser: {
            userId: string;
            email: string;
            displayName: string;
            /** @enum {string} */
            status: "unconfirmed" | "confirmed";
            emailVerified: boolean;
            mfaEnabled: boolean;
            /**
             * Format: date-time
             * @description Set while an administrator has disabled the account
             */
            disabledAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description PublicKeyCredentialCreationOptionsJSON: pass through PublicKeyCredential.parseCreationOptionsFromJSON() to navigator.credentials.create(). Valid five minutes, once. */
        PasskeyCreationOptions: {
            challenge: string;
            rp: {
                id?: string;
                name: string;
            };
            user: {
                id: string;
                name: string;
                displayName: string;
            };
        } & {
            [key: string]: unknown;
        };
        Passkey: {
            /** @example pky_01jk8x2v0h6q4t9m3p7f5rw2ab */
            passkeyId: string;
            name: string;
            /**
             * @description `multiDevice` (synced between devices) or `singleDevice`
             * @example multiDevice
             */
            deviceType: string;
            backedUp: boolean;
            transports: string[];
            createdAt: string;
            lastUsedAt: string | null;
        };
        RegisterPasskeyRequest: {
            credential: components["schemas"]["PasskeyRegistrationCredential"];
            /**
             * @description A label for the list; default "Passkey"
             * @example Work laptop
             */
            name?: string;
        };
        /** @description What navigator.credentials.create() answered, serialised with toJSON() */
        PasskeyRegistrationCredential: {
            /** @description The credential id (base64url) */
            id: string;
            rawId: string;
            /** @enum {string} */
            type: "public-key";
            /** @enum {string} */
            authenticatorAttachment?: "platform" | "cross-platform";
            /** @default {} */
            clientExtensionResults?: {
                [key: string]: unknown;
            };
            response: {
                clientDataJSON: string;
                attestationObject: string;
                transports?: string[];
                authenticatorData?: string;
                publicKeyAlgorithm?: number;
                publicKey?: string;
            };
        };
        PasskeyPage: {
            items: components["schemas"]["Passkey"][];
            /** @description Always null: an account holds at most 20 passkeys */
            nextCursor: null;
        };
        RenamePasskeyRequest: {
            /** @example Work laptop */
            name: string;
        };
        /** @description PublicKeyCredentialRequestOptionsJSON: pass through PublicKeyCredential.parseRequestOptionsFromJSON() to navigator.credentials.get(). Valid five minutes, once. */
        PasskeyRequestOptions: {
            challenge: string;
            rpId?: string;
        } & {
            [key: string]: unknown;
        };
        PasskeySignInRequest: {
            credential: components["schemas"]["PasskeyAuthenticationCredential"];
        };
        /** @description What navigator.credentials.get() answered, serialised with toJSON() */
        PasskeyAuthenticationCredential: {
            /** @description The credential id (base64url) */
            id: string;
            rawId: string;
            /** @enum {string} */
            type: "public-key";
            /** @enum {string} */
            authenticatorAttachment?: "platform" | "cross-platform";
            /** @default {} */
            clientExtensionResults?: {
                [key: string]: unknown;
            };
            response: {
                clientDataJSON: string;
                authenticatorData: string;
                signature: string;
                userHandle?: string | null;
            };
        };
        PlatformConnectStart: {
            /** @description Send the browser here: the platform's consent page */
            authUrl: string;
            state: string;
        };
        PlatformConnectComplete: {
            /** @enum {string} */
            platform: "spotify" | "soundcloud" | "youtube";
            /** @enum {boolean} */
            connected: true;
        };
        PlatformAccess: {
            /** @description The platform's access token, for the browser's own API calls */
            accessToken: string;
            /**
             * @description Seconds until it expires
             * @example 3600
             */
            expiresIn: number;
        };
        PlatformConnectionPage: {
            items: components["schemas"]["PlatformConnection"][];
            nextCursor: string | null;
        };
        PlatformConnection: {
            /** @enum {string} */
            platform: "spotify" | "soundcloud" | "youtube";
            platformUserId: string;
            /**
             * @description `healthy`: usable, refreshed as needed. `needs_reauth`: the platform refused the grant (or the access token expired with no refresh token): connect again. A disconnected connection is not listed: it is gone (`connection.status_changed` tells of it as `revoked`). Changes only on evidence: a grant or a successful refresh, a refusal by the platform.
             * @enum {string}
             */
            status: "healthy" | "needs_reauth";
            /** @description `status` is `healthy` (kept for older clients) */
            connected: boolean;
            /** Format: date-time */
            connectedAt: string;
            /** @description `status` is `needs_reauth` (kept for older clients) */
            needsReauth: boolean;
            scope: string;
        };
        GuitarBrands: {
            items: {
                brand: string;
                count: number;
            }[];
        };
        GuitarStats: {
            count: number;
            byCurrency: {
                currency: string;
                guitars: number;
                /** @example 2899.98 */
                totalPurchasePrice: string;
                totalCurrentValue: string;
            }[];
        };
        GuitarPage: {
            items: components["schemas"]["GuitarSummary"][];
            nextCursor: string | null;
        };
        /** @description A guitar as listed: without notes and private information */
        GuitarSummary: {
            id: string;
            brand: string;
            model: string;
            year: number;
            /** @enum {string} */
            type: "electric" | "acoustic" | "acoustic-electric" | "classical" | "bass" | "semi-hollow" | "hollow-body" | "other";
            bodyMaterial: string | null;
            neckMaterial: string | null;
            fretboardMaterial: string | null;
            numberOfFrets: number | null;
            scaleLength: string | null;
            pickupConfiguration: string | null;
            color: string | null;
            finish: string | null;
            tuningMachines: string | null;
            bridge: string | null;
            nut: string | null;
            electronics: string | null;
            caseIncluded: boolean | null;
            countryOfOrigin: string | null;
            detailedSpecs: {
                [key: string]: string;
            };
            images: components["schemas"]["GuitarImage"][];
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        GuitarImage: {
            id: string;
            url: string;
            thumbnailUrl: string;
            caption: string | null;
            isPrimary: boolean;
            order: number;
            width: number;
            height: number;
            /** Format: date-time */
            createdAt: string;
        };
        Guitar: {
            id: string;
            brand: string;
            model: string;
            year: number;
            /** @enum {string} */
            type: "electric" | "acoustic" | "acoustic-electric" | "classical" | "bass" | "semi-hollow" | "hollow-body" | "other";
            bodyMaterial: string | null;
            neckMaterial: string | null;
            fretboardMaterial: string | null;
            numberOfFrets: number | null;
            scaleLength: string | null;
            pickupConfiguration: string | null;
            color: string | null;
            finish: string | null;
            tuningMachines: string | null;
            bridge: string | null;
            nut: string | null;
            electronics: string | null;
            caseIncluded: boolean | null;
            countryOfOrigin: string | null;
            detailedSpecs: {
                [key: string]: string;
            };
            images: components["schemas"]["GuitarImage"][];
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            notes: components["schemas"]["GuitarNote"][];
            privateInfo: components["schemas"]["GuitarPrivateInfo"];
        };
        GuitarNote: {
            id: string;
            content: string;
            /** Format: date-time */
            createdAt: string;
        };
        GuitarPrivateInfo: {
            serialNumber: string | null;
            purchaseDate: string | null;
            originalRetailPrice: string | null;
            purchasePrice: string | null;
            purchaseLocation: string | null;
            currentValue: string | null;
            currency: string | null;
            insuranceInfo: string | null;
            /** @description A signed URL valid for a few minutes; never a public one */
            receiptUrl: string | null;
        };
        GuitarInput: {
            /** @example Fender */
            brand: string;
            /** @example Stratocaster */
            model: string;
            /** @example 1965 */
            year: number;
            /** @enum {string} */
            type: "electric" | "acoustic" | "acoustic-electric" | "classical" | "bass" | "semi-hollow" | "hollow-body" | "other";
            bodyMaterial?: string;
            neckMaterial?: string;
            fretboardMaterial?: string;
            numberOfFrets?: number;
            /** @example 25.5" */
            scaleLength?: string;
            /** @example SSS */
            pickupConfiguration?: string;
            color?: string;
            finish?: string;
            tuningMachines?: string;
            bridge?: string;
            nut?: string;
            electronics?: string;
            caseIncluded?: boolean;
            countryOfOrigin?: string;
            /**
             * @example {
             *       "neckProfile": "Modern C",
             *       "radius": "9.5\""
             *     }
             */
            detailedSpecs?: {
                [key: string]: string;
            };
            privateInfo?: {
                serialNumber?: string;
                /**
                 * Format: date
                 * @example 2021-06-30
                 */
                purchaseDate?: string;
                /**
                 * @description The amount in the currency’s major unit: a decimal string, or a JSON number read exactly
                 * @example 1499.99
                 */
                originalRetailPrice?: string | number;
                /**
                 * @description The amount in the currency’s major unit: a decimal string, or a JSON number read exactly
                 * @example 1499.99
                 */
                purchasePrice?: string | number;
                purchaseLocation?: string;
                /**
                 * @description The amount in the currency’s major unit: a decimal string, or a JSON number read exactly
                 * @example 1499.99
                 */
                currentValue?: string | number;
                /** @example EUR */
                currency?: string;
                insuranceInfo?: string;
            };
        };
        GuitarReplaceRequest: {
            /** @example Fender */
            brand: string;
            /** @example Stratocaster */
            model: string;
            /** @example 1965 */
            year: number;
            /** @enum {string} */
            type: "electric" | "acoustic" | "acoustic-electric" | "classical" | "bass" | "semi-hollow" | "hollow-body" | "other";
            bodyMaterial?: string;
            neckMaterial?: string;
            fretboardMaterial?: string;
            numberOfFrets?: number;
            /** @example 25.5" */
            scaleLength?: string;
            /** @example SSS */
            pickupConfiguration?: string;
            color?: string;
            finish?: string;
            tuningMachines?: string;
            bridge?: string;
            nut?: string;
            electronics?: string;
            caseIncluded?: boolean;
            countryOfOrigin?: string;
            /**
             * @example {
             *       "neckProfile": "Modern C",
             *       "radius": "9.5\""
             *     }
             */
            detailedSpecs?: {
                [key: string]: string;
            };
            privateInfo?: {
                serialNumber?: string;
                /**
                 * Format: date
                 * @example 2021-06-30
                 */
                purchaseDate?: string;
                /**
                 * @description The amount in the currency’s major unit: a decimal string, or a JSON number read exactly
                 * @example 1499.99
                 */
                originalRetailPrice?: string | number;
                /**
                 * @description The amount in the currency’s major unit: a decimal string, or a JSON number read exactly
                 * @example 1499.99
                 */
                purchasePrice?: string | number;
                purchaseLocation?: string;
                /**
                 * @description The amount in the currency’s major unit: a decimal string, or a JSON number read exactly
                 * @example 1499.99
                 */
                currentValue?: string | number;
                /** @example EUR */
                currency?: string;
                insuranceInfo?: string;
            };
            /**
             * @description The `version` of the guitar as last read; a newer one on the server answers 409 CONFLICT
             * @example 3
             */
            version: number;
        };
        GuitarPatchRequest: {
            /** @example Fender */
            brand?: string;
            /** @example Stratocaster */
            model?: string;
            /** @example 1965 */
            year?: number;
            /** @enum {string} */
            type?: "electric" | "acoustic" | "acoustic-electric" | "classical" | "bass" | "semi-hollow" | "hollow-body" | "other";
            bodyMaterial?: string | null;
            neckMaterial?: string | null;
            fretboardMaterial?: string | null;
            numberOfFrets?: number | null;
            scaleLength?: string | null;
            pickupConfiguration?: string | null;
            color?: string | null;
            finish?: string | null;
            tuningMachines?: string | null;
            bridge?: string | null;
            nut?: string | null;
            electronics?: string | null;
            caseIncluded?: boolean | null;
            countryOfOrigin?: string | null;
            detailedSpecs?: {
                [key: string]: string | null;
            } | null;
            privateInfo?: {
                serialNumber?: string | null;
                /**
                 * Format: date
                 * @example 2021-06-30
                 */
                purchaseDate?: string | null;
                /**
                 * @description The amount in the currency’s major unit: a decimal string, or a JSON number read exactly
                 * @example 1499.99
                 */
                originalRetailPrice?: string | number | null;
                /**
                 * @description The amount in the currency’s major unit: a decimal string, or a JSON number read exactly
                 * @example 1499.99
                 */
                purchasePrice?: string | number | null;
                purchaseLocation?: string | null;
                /**
                 * @description The amount in the currency’s major unit: a decimal string, or a JSON number read exactly
                 * @example 1499.99
                 */
                currentValue?: string | number | null;
                /** @example EUR */
                currency?: string | null;
                insuranceInfo?: string | null;
            } | null;
            /**
             * @description The `version` of the guitar as last read; a newer one on the server answers 409 CONFLICT
             * @example 3
             */
            version: number;
        };
        NoteRequest: {
            content: string;
        };
        UploadTicket: {
            uploadUrl: string;
            /** @enum {string} */
            method: "PUT";
            /** @description Send exactly these headers */
            headers: {
                [key: string]: string;
            };
            imageKey: string;
            /** Format: date-time */
            expiresAt: string;
        };
        UploadUrlRequest: {
            fileName: string;
            /** @enum {string} */
            fileType: "image/jpeg" | "image/png" | "image/webp" | "image/heic";
            fileSize: number;
            /**
             * @default image
             * @enum {string}
             */
            kind?: "image" | "receipt";
        };
        UploadComplete: {
            /** @description For a receipt: a short-lived signed URL */
            imageUrl: string;
            /** @description Null for a receipt */
            thumbnailUrl: string | null;
            image: components["schemas"]["GuitarImage"] & (Record<string, never> | null);
        };
        UploadCompleteRequest: {
            imageKey: string;
            /** @example gtr_01jd8x4m9q2v7k3n5p6r8s0t1w */
            guitarId: string;
            caption?: string;
            isPrimary?: boolean;
        };
        Artist: {
            artistId: string;
            displayName: string;
            /**
             * @description Where the artist deploys storage and CDN
             * @enum {string}
             */
            provider: "aws" | "gcp" | "azure";
            /** @enum {string} */
            status: "pending" | "complete" | "failed";
            /** @description Generated by Amply for this artist: the stack's role trusts Amply only with it */
            externalId: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CreateArtistRequest: {
            /** @example skywave */
            artistId: string;
            displayName: string;
            /**
             * @description Where the artist deploys storage and CDN
             * @enum {string}
             */
            provider: "aws" | "gcp" | "azure";
        };
        ArtistPage: {
            items: components["schemas"]["ArtistPublic"][];
            nextCursor: string | null;
        };
        ArtistPublic: {
            artistId: string;
            displayName: string;
            /**
             * @description Where the artist deploys storage and CDN
             * @enum {string}
             */
            provider: "aws" | "gcp" | "azure";
            /** @description The artist's CDN, once the setup is complete */
            cdnDomain: string | null;
            ready: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        ArtistDeleted: {
            artistId: string;
            message: string;
        };
        CallbackToken: {
            /**
             * @description Paste into the stack's AmplyApiKey parameter. Shown once; single use; 24 hours.
             * @example amply_skywave_1764331200000_0123456789abcdef0123456789abcdef
             */
            token: string;
            /** Format: date-time */
            expiresAt: string;
        };
        ArtistAwsTemplate: {
            /** @enum {string} */
            format: "yaml" | "json";
            /** @description The CloudFormation template */
            templateBody: string;
            /** @description Where CloudFormation reads the same template */
            templateUrl: string;
            /** @description Opens the AWS console's quick-create page with every parameter filled in except AmplyApiKey, which the artist pastes (a token never goes into a URL) */
            launchUrl: string;
            stackName: string;
            parameters: {
                ArtistName: string;
                AmplyCallbackUrl: string;
                AmplyExternalId: string;
            };
        };
        ArtistSetupStatus: {
            artistId: string;
            /**
             * @description Where the artist deploys storage and CDN
             * @enum {string}
             */
            provider: "aws" | "gcp" | "azure";
            /** @enum {string} */
            status: "pending" | "complete" | "failed";
            /** @description Counts status changes; the id of setup events */
            version: number;
            /** Format: date-time */
            updatedAt: string;
            /** @description Why the setup failed */
            reason: string | null;
            config: components["schemas"]["ArtistSetupConfig"];
        };
        ArtistSetupConfig: {
            /**
             * @description Where the artist deploys storage and CDN
             * @enum {string}
             */
            provider: "aws" | "gcp" | "azure";
            stackId: string;
            bucketName?: string;
            cloudfrontDomain?: string;
            roleArn?: string;
            serviceAccountEmail?: string;
            projectId?: string;
            storageAccount?: string;
            cdnDomain?: string;
            /** @description As the stack reported them */
            outputs: {
                [key: string]: string;
            };
            callbackTimestamp?: string;
            /** Format: date-time */
            completedAt: string;
            /** @enum {string} */
            completedVia: "callback" | "verify-stack";
        } | null;
        CompleteArtistSetupResult: {
            /** @enum {boolean} */
            success: true;
            data: {
                artistId: string;
                /**
                 * @description Where the artist deploys storage and CDN
                 * @enum {string}
                 */
                provider: "aws" | "gcp" | "azure";
                message: string;
            };
            artistId: string;
            /**
             * @description Where the artist deploys storage and CDN
             * @enum {string}
             */
            provider: "aws" | "gcp" | "azure";
            message: string;
        };
        CompleteArtistSetupRequest: {
            /** @example skywave */
            artistId: string;
            /**
             * @description Where the artist deploys storage and CDN
             * @enum {string}
             */
            provider: "aws" | "gcp" | "azure";
            /** @example arn:aws:cloudformation:eu-north-1:111122223333:stack/amply-skywave/0b1c2d3e-… */
            stack_id: string;
            /**
             * @description Required unless request_type is Delete
             * @example {
             *       "BucketName": "amply-skywave-111122223333",
             *       "CloudFrontDomain": "d1234567.cloudfront.net",
             *       "RoleArn": "arn:aws:iam::111122223333:role/AmplyAccessRole-skywave"
             *     }
             */
            outputs?: {
                [key: string]: string;
            };
            callback_token: string;
            /**
             * Format: date-time
             * @description When the stack sent it (stored as callbackTimestamp; freshness is the signature's job)
             */
            callback_timestamp: string;
            /**
             * @description CloudFormation's RequestType; Delete offboards (config, tokens and index entry go)
             * @default Create
             * @enum {string}
             */
            request_type?: "Create" | "Update" | "Delete";
        };
        VerifyStackResult: {
            /** @enum {string} */
            status: "pending" | "complete" | "failed";
            message: string;
            /** @description CloudFormation's status word, when read */
            stackStatus: string | null;
            reason: string | null;
            config: components["schemas"]["ArtistSetupConfig"];
        };
        VerifyStackRequest: {
            /** @example skywave */
            artistId: string;
            /**
             * @description The stack's ARN (its account and region come from it), or its name with accountId
             * @example amply-skywave
             */
            stackName: string;
            /**
             * @description Where the artist deploys storage and CDN
             * @enum {string}
             */
            provider: "aws" | "gcp" | "azure";
            /** @description The artist's AWS account, when stackName is a name */
            accountId?: string;
            /** @description The stack's region, when stackName is a name (default: the console region) */
            region?: string;
        };
        ArtistIndex: {
            /** @enum {number} */
            version: 1;
            /** Format: date-time */
            generatedAt: string;
            count: number;
            artists: {
                artistId: string;
                displayName: string;
                /**
                 * @description Where the artist deploys storage and CDN
                 * @enum {string}
                 */
                provider: "aws" | "gcp" | "azure";
                cdnDomain: string | null;
                /** Format: date-time */
                readyAt: string;
            }[];
        };
        /** @description What anyone may see of a profile: never the email address */
        PublicProfile: {
            userId: string;
            username: string;
            displayName: string | null;
            roles: ("artist" | "recruiter")[];
            bio: string | null;
            location: string | null;
            skills: string[];
            links: string[];
            avatarUrl: string | null;
            avatarThumbnailUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ProfileInput: {
            /** @example Ada.Sings */
            username: string;
            displayName?: string;
            roles: ("artist" | "recruiter")[];
            bio?: string;
            location?: string;
            skills?: string[];
            links?: string[];
        };
        ImageUploadUrlRequest: {
            fileName: string;
            /** @enum {string} */
            fileType: "image/jpeg" | "image/png" | "image/webp" | "image/heic";
            fileSize: number;
        };
        ImageKeyRequest: {
            imageKey: string;
        };
        Portfolio: {
            items: components["schemas"]["PortfolioItem"][];
        };
        PortfolioItem: {
            id: string;
            title: string;
            description: string | null;
            /** @enum {string} */
            kind: "audio" | "video" | "image" | "link";
            url: string | null;
            position: number;
            imageUrl: string | null;
            thumbnailUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        PortfolioItemInput: {
            title: string;
            description?: string;
            /** @enum {string} */
            kind: "audio" | "video" | "image" | "link";
            /**
             * Format: uri
             * @example https://soundcloud.com/ada
             */
            url?: string;
            /** @description Where it goes (0 first); at the end when left out */
            position?: number;
        };
        ProfilePage: {
            items: components["schemas"]["PublicProfile"][];
            nextCursor: string | null;
        };
        Casting: {
            id: string;
            recruiterId: string;
            title: string;
            /** @enum {string} */
            roleType: "vocalist" | "instrumentalist" | "band-member" | "session-musician" | "dj" | "producer" | "songwriter" | "dancer" | "actor" | "model" | "other";
            location: string;
            /** @enum {string} */
            compensationType: "paid" | "unpaid" | "expenses-only" | "revenue-share";
            skills: string[];
            /** @enum {string} */
            status: "open" | "closed";
            coverThumbnailUrl: string | null;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            description: string;
            compensation: string | null;
            questions: {
                id: string;
                text: string;
            }[];
            coverUrl: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        CastingInput: {
            title: string;
            description: string;
            /** @enum {string} */
            roleType: "vocalist" | "instrumentalist" | "band-member" | "session-musician" | "dj" | "producer" | "songwriter" | "dancer" | "actor" | "model" | "other";
            /** @example Berlin, DE */
            location: string;
            /** @enum {string} */
            compensationType: "paid" | "unpaid" | "expenses-only" | "revenue-share";
            /** @example €300 per day */
            compensation?: string;
            /** @default [] */
            skills?: string[];
            /** @default [] */
            questions?: string[];
            /**
             * Format: date-time
             * @description Hidden from then on; at most 180 days after creation
             */
            expiresAt: string;
        };
        CastingPage: {
            items: components["schemas"]["CastingSummary"][];
            nextCursor: string | null;
        };
        CastingSummary: {
            id: string;
            recruiterId: string;
            title: string;
            /** @enum {string} */
            roleType: "vocalist" | "instrumentalist" | "band-member" | "session-musician" | "dj" | "producer" | "songwriter" | "dancer" | "actor" | "model" | "other";
            location: string;
            /** @enum {string} */
            compensationType: "paid" | "unpaid" | "expenses-only" | "revenue-share";
            skills: string[];
            /** @enum {string} */
            status: "open" | "closed";
            coverThumbnailUrl: string | null;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        CastingApplication: {
            id: string;
            castingId: string;
            castingTitle: string;
            artistId: string;
            /** @enum {string} */
            status: "submitted" | "shortlisted" | "rejected" | "accepted" | "withdrawn";
            message: string | null;
            answers: {
                questionId: string;
                question: string;
                answer: string;
            }[];
            portfolioItems: {
                id: string;
                title: string;
                kind: string;
                url: string | null;
                thumbnailUrl: string | null;
            }[];
            history: {
                /** @enum {string|null} */
                from: "submitted" | "shortlisted" | "rejected" | "accepted" | "withdrawn" | null;
                /** @enum {string} */
                to: "submitted" | "shortlisted" | "rejected" | "accepted" | "withdrawn";
                /** @description The user who made the change */
                by: string;
                /** Format: date-time */
                at: string;
            }[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ApplicationInput: {
            message?: string;
            /** @default [] */
            answers?: {
                questionId: string;
                answer: string;
            }[];
            /** @default [] */
            portfolioItemIds?: string[];
        };
        CastingApplicationPage: {
            items: components["schemas"]["CastingApplication"][];
            nextCursor: string | null;
        };
        ApplicationStatusChange: {
            /** @enum {string} */
            status: "shortlisted" | "rejected" | "accepted";
        };
        OutboxMessage: {
            to: string;
            subject: string;
            text: string;
            html: string;
            sentAt: string;
        };
        DevEvent: {
            eventId: string;
            /** @enum {string} */
            type: "user.created" | "user.deleted" | "user.signed_in" | "user.disabled" | "user.enabled" | "connection.status_changed" | "artist.setup_completed" | "artist.setup_failed" | "casting.application_status_changed";
            subject: string;
            occurredAt: string;
            data: {
                [key: string]: unknown;
            };
            deliveries: (components["schemas"]["EventDeliveryState"] & {
                /** @description The endpoint id (`whk_…`) */
                endpoint: string;
                /** @description Its origin; null once it is no longer configured */
                origin: string | null;
            })[];
        };
        EventDeliveryState: {
            /** @enum {string} */
            state: "pending" | "delivered" | "failed";
            attempts: number;
            lastAttemptAt?: string;
            nextAttemptAt?: string;
            finishedAt?: string;
            lastError?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Health"];
                    };
                };
            };
            /** @description Refused: a deployment behind CloudFront answers only requests that came through it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Health"];
                    };
                };
            };
            /** @description Refused: a deployment behind CloudFront answers only requests that came through it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unavailable; see `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getJsonWebKeySet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JsonWebKeySet"];
                };
            };
            /** @description Refused: a deployment behind CloudFront answers only requests that came through it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOpenIdConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Discovery */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenIdConfiguration"];
                };
            };
            /** @description Refused: a deployment behind CloudFront answers only requests that came through it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "Violet-Harbour-Lantern-42",
                 *       "name": "Ada Lovelace"
                 *     }
                 */
                "application/json": components["schemas"]["RegisterRequest"];
            };
        };
        responses: {
            /** @description A code is on its way (or a notice, for a known address) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CodeDelivery"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirmAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "code": "493027"
                 *     }
                 */
                "application/json": components["schemas"]["ConfirmRequest"];
            };
        };
        responses: {
            /** @description Confirmed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Profile"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resendConfirmationCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com"
                 *     }
                 */
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            /** @description Sent if the address can receive one */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CodeDelivery"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signInWithPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "Violet-Harbour-Lantern-42"
                 *     }
                 */
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in, or a second factor is needed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["TokenSet"] | components["schemas"]["MfaChallenge"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyMfaChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "session": "59P6Eso_MDgP5mf1Zx0wxqdOwy7CPb3TORtJL6JOAyY",
                 *       "code": "493027"
                 *     }
                 */
                "application/json": components["schemas"]["MfaVerifyRequest"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["TokenSet"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com"
                 *     }
                 */
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            /** @description Sent if the address has an account */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CodeDelivery"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    requestSignInLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com"
                 *     }
                 */
                "application/json": components["schemas"]["EmailRequest"];
            };
        };
        responses: {
            /** @description Sent if the address has a confirmed account */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CodeDelivery"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "code": "493027",
                 *       "newPassword": "Copper-Meadow-Signal-17"
                 *     }
                 */
                "application/json": components["schemas"]["ResetPasswordRequest"];
            };
        };
        responses: {
            /** @description Password changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Message"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "Violet-Harbour-Lantern-42",
                 *       "newPassword": "Copper-Meadow-Signal-17"
                 *     }
                 */
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Password changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Message"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startTotpSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "Violet-Harbour-Lantern-42"
                 *     }
                 */
                "application/json": components["schemas"]["ReauthenticationRequest"];
            };
        };
        responses: {
            /** @description Scan the URI, then enable with a code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["TotpSetup"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "493027"
                 *     }
                 */
                "application/json": components["schemas"]["TotpCodeRequest"];
            };
        };
        responses: {
            /** @description TOTP is on */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["RecoveryCodes"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "Violet-Harbour-Lantern-42"
                 *     }
                 */
                "application/json": components["schemas"]["ReauthenticationRequest"];
            };
        };
        responses: {
            /** @description TOTP is off */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Message"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    refreshTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refreshToken": "usr_01jd8x4m9q2v7k3n5p6r8s0t1w.aUOrA3Nu8jXwXpkg8cJK9a2pm-tL1aUSnE8C2s6Epxg"
                 *     }
                 */
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description New tokens */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["TokenSet"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "refreshToken": "usr_01jd8x4m9q2v7k3n5p6r8s0t1w.aUOrA3Nu8jXwXpkg8cJK9a2pm-tL1aUSnE8C2s6Epxg"
                 *     }
                 */
                "application/json": components["schemas"]["LogoutRequest"];
            };
        };
        responses: {
            /** @description Signed out */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Message"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSessions: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of signed-in devices */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["DeviceSessionPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signOutSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Message"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startSsoSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: "google" | "microsoft" | "github" | "spotify";
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "returnTo": "http://localhost:5173/dashboard"
                 *     }
                 */
                "application/json": components["schemas"]["SsoStartRequest"];
            };
        };
        responses: {
            /** @description Send the browser to authUrl */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["AuthorizationStart"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unavailable; see `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    handleSsoCallback: {
        parameters: {
            query?: {
                state?: string;
                code?: string;
                iss?: string;
                error?: string;
                error_description?: string;
                error_uri?: string;
                scope?: string;
            };
            header?: never;
            path: {
                provider: "google" | "microsoft" | "github" | "spotify";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to the frontend */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exchangeSignInCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "59P6Eso_MDgP5mf1Zx0wxqdOwy7CPb3TORtJL6JOAyY"
                 *     }
                 */
                "application/json": components["schemas"]["SignInCodeRequest"];
            };
        };
        responses: {
            /** @description Signed in, or a second factor is needed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["TokenSet"] | components["schemas"]["MfaChallenge"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAuthProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Providers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["AuthProviderPage"];
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startAuthProviderLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: "google" | "microsoft" | "github" | "spotify";
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "Violet-Harbour-Lantern-42"
                 *     }
                 */
                "application/json": components["schemas"]["LinkStartRequest"];
            };
        };
        responses: {
            /** @description Send the browser to authUrl */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["AuthorizationStart"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unavailable; see `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    completeAuthProviderLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: "google" | "microsoft" | "github" | "spotify";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "59P6Eso_MDgP5mf1Zx0wxqdOwy7CPb3TORtJL6JOAyY"
                 *     }
                 */
                "application/json": components["schemas"]["RedemptionCodeRequest"];
            };
        };
        responses: {
            /** @description Linked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @enum {string} */
                            provider: "google" | "microsoft" | "github" | "spotify";
                            /** @enum {boolean} */
                            linked: true;
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    unlinkAuthProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: "google" | "microsoft" | "github" | "spotify";
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "Violet-Harbour-Lantern-42"
                 *     }
                 */
                "application/json": components["schemas"]["ReauthenticationRequest"];
            };
        };
        responses: {
            /** @description Unlinked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            /** @enum {string} */
                            provider: "google" | "microsoft" | "github" | "spotify";
                            /** @enum {boolean} */
                            linked: false;
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Profile"];
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "displayName": "Ada King",
                 *       "avatarUrl": "https://example.com/ada.png"
                 *     }
                 */
                "application/json": components["schemas"]["ProfileUpdateRequest"];
            };
        };
        responses: {
            /** @description The updated profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Profile"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateDisplayName: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Ada King"
                 *     }
                 */
                "application/json": components["schemas"]["NameRequest"];
            };
        };
        responses: {
            /** @description The updated profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Profile"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirmEmailChange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "493027"
                 *     }
                 */
                "application/json": components["schemas"]["EmailCodeRequest"];
            };
        };
        responses: {
            /** @description The address changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Profile"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportUserData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "Violet-Harbour-Lantern-42"
                 *     }
                 */
                "application/json": components["schemas"]["ReauthenticationRequest"];
            };
        };
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Message"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSecurityEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["SecurityEventPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    confirmUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Confirmed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Profile"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUserSecurityEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["SecurityEventPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    searchUsers: {
        parameters: {
            query: {
                limit?: number;
                cursor?: string;
                /** @description The start of the address, any case */
                email: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of accounts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["AdminUserPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disableUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Disabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["AdminUser"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enableUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Enabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["AdminUser"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resendUserConfirmation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new code is on its way */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CodeDelivery"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startPasskeyRegistration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "Violet-Harbour-Lantern-42"
                 *     }
                 */
                "application/json": components["schemas"]["ReauthenticationRequest"];
            };
        };
        responses: {
            /** @description The creation options (a discoverable, user-verified passkey) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PasskeyCreationOptions"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPasskeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The passkeys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PasskeyPage"];
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    registerPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "credential": {
                 *         "id": "hRgqG0x1Qq2bR3cS9m0oVw",
                 *         "rawId": "hRgqG0x1Qq2bR3cS9m0oVw",
                 *         "type": "public-key",
                 *         "response": {
                 *           "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiZXhhbXBsZSIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6NTE3MyJ9",
                 *           "attestationObject": "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVkBZw",
                 *           "transports": [
                 *             "internal",
                 *             "hybrid"
                 *           ]
                 *         },
                 *         "authenticatorAttachment": "platform",
                 *         "clientExtensionResults": {}
                 *       },
                 *       "name": "Work laptop"
                 *     }
                 */
                "application/json": components["schemas"]["RegisterPasskeyRequest"];
            };
        };
        responses: {
            /** @description The passkey */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Passkey"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deletePasskey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                passkeyId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "currentPassword": "Violet-Harbour-Lantern-42"
                 *     }
                 */
                "application/json": components["schemas"]["ReauthenticationRequest"];
            };
        };
        responses: {
            /** @description Removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            passkeyId: string;
                            /** @enum {boolean} */
                            removed: true;
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    renamePasskey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                passkeyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Phone"
                 *     }
                 */
                "application/json": components["schemas"]["RenamePasskeyRequest"];
            };
        };
        responses: {
            /** @description The renamed passkey */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Passkey"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startPasskeySignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request options (user verification required) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PasskeyRequestOptions"];
                    };
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signInWithPasskey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "credential": {
                 *         "id": "hRgqG0x1Qq2bR3cS9m0oVw",
                 *         "rawId": "hRgqG0x1Qq2bR3cS9m0oVw",
                 *         "type": "public-key",
                 *         "response": {
                 *           "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoiZXhhbXBsZSIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6NTE3MyJ9",
                 *           "authenticatorData": "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ",
                 *           "signature": "MEUCIQDh3n2Lxq0ZkB8V6mWw",
                 *           "userHandle": "dXNyXzAxams4eDJ2MGg2cTR0OW0zcDdmNXJ3MmFi"
                 *         },
                 *         "clientExtensionResults": {}
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PasskeySignInRequest"];
            };
        };
        responses: {
            /** @description Signed in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["TokenSet"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    startPlatformConnect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platform: "spotify" | "soundcloud" | "youtube";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The authorization URL and its state */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PlatformConnectStart"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unavailable; see `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    handlePlatformCallback: {
        parameters: {
            query?: {
                state?: string;
                code?: string;
                iss?: string;
                error?: string;
                error_description?: string;
                error_uri?: string;
                scope?: string;
            };
            header?: never;
            path: {
                platform: "spotify" | "soundcloud" | "youtube";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the dashboard */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    completePlatformConnect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platform: "spotify" | "soundcloud" | "youtube";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "code": "59P6Eso_MDgP5mf1Zx0wxqdOwy7CPb3TORtJL6JOAyY"
                 *     }
                 */
                "application/json": components["schemas"]["RedemptionCodeRequest"];
            };
        };
        responses: {
            /** @description Connected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PlatformConnectComplete"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    refreshPlatformToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platform: "spotify" | "soundcloud" | "youtube";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A usable access token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PlatformAccess"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unavailable; see `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    refreshSpotifyToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A usable access token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PlatformAccess"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unavailable; see `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listPlatformConnections: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of connections */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PlatformConnectionPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    disconnectPlatform: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platform: "spotify" | "soundcloud" | "youtube";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Disconnected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Message"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listGuitarBrands: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Brands, A–Z */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["GuitarBrands"];
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getGuitarStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The totals */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["GuitarStats"];
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listGuitars: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Exact brand, any letter case */
                brand?: string;
                type?: "electric" | "acoustic" | "acoustic-electric" | "classical" | "bass" | "semi-hollow" | "hollow-body" | "other";
                yearFrom?: number;
                yearTo?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["GuitarPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createGuitar: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key and body returns the first result and creates nothing */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "brand": "Fender",
                 *       "model": "Stratocaster",
                 *       "year": 1965,
                 *       "type": "electric",
                 *       "bodyMaterial": "Alder",
                 *       "numberOfFrets": 21,
                 *       "scaleLength": "25.5\"",
                 *       "pickupConfiguration": "SSS",
                 *       "color": "Sunburst",
                 *       "caseIncluded": true,
                 *       "countryOfOrigin": "USA",
                 *       "detailedSpecs": {
                 *         "neckProfile": "Modern C",
                 *         "radius": "9.5\""
                 *       },
                 *       "privateInfo": {
                 *         "serialNumber": "L12345",
                 *         "purchaseDate": "2021-06-30",
                 *         "purchasePrice": 2499.99,
                 *         "currentValue": "2800.00",
                 *         "currency": "EUR"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["GuitarInput"];
            };
        };
        responses: {
            /** @description Created (or, for a repeated Idempotency-Key, the first result) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Guitar"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getGuitar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The guitar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Guitar"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replaceGuitar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "brand": "Fender",
                 *       "model": "Stratocaster",
                 *       "year": 1965,
                 *       "type": "electric",
                 *       "bodyMaterial": "Alder",
                 *       "numberOfFrets": 21,
                 *       "scaleLength": "25.5\"",
                 *       "pickupConfiguration": "SSS",
                 *       "color": "Sunburst",
                 *       "caseIncluded": true,
                 *       "countryOfOrigin": "USA",
                 *       "detailedSpecs": {
                 *         "neckProfile": "Modern C",
                 *         "radius": "9.5\""
                 *       },
                 *       "privateInfo": {
                 *         "serialNumber": "L12345",
                 *         "purchaseDate": "2021-06-30",
                 *         "purchasePrice": 2499.99,
                 *         "currentValue": "2800.00",
                 *         "currency": "EUR"
                 *       },
                 *       "version": 3
                 *     }
                 */
                "application/json": components["schemas"]["GuitarReplaceRequest"];
            };
        };
        responses: {
            /** @description The guitar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Guitar"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteGuitar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            message: string;
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateGuitar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "color": "Olympic White",
                 *       "finish": null,
                 *       "version": 3
                 *     }
                 */
                "application/json": components["schemas"]["GuitarPatchRequest"];
            };
        };
        responses: {
            /** @description The guitar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Guitar"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addGuitarNote: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key and body returns the first result and creates nothing */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "content": "New strings: 10–46, set up with 1.6 mm action."
                 *     }
                 */
                "application/json": components["schemas"]["NoteRequest"];
            };
        };
        responses: {
            /** @description The note */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["GuitarNote"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteGuitarNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                noteId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            message: string;
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createImageUploadUrl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "fileName": "strat-front.jpg",
                 *       "fileType": "image/jpeg",
                 *       "fileSize": 2481337,
                 *       "kind": "image"
                 *     }
                 */
                "application/json": components["schemas"]["UploadUrlRequest"];
            };
        };
        responses: {
            /** @description Where and how to upload */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["UploadTicket"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    completeImageUpload: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "imageKey": "uploads/usr_01jd8x4m9q2v7k3n5p6r8s0t1w/0f8e2a4c-strat-front.jpg",
                 *       "guitarId": "gtr_01jd8x4m9q2v7k3n5p6r8s0t1w",
                 *       "caption": "Front, in daylight",
                 *       "isPrimary": true
                 *     }
                 */
                "application/json": components["schemas"]["UploadCompleteRequest"];
            };
        };
        responses: {
            /** @description Stored and recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["UploadComplete"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteGuitarImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                imageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            message: string;
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listArtists: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of artists */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ArtistPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createArtist: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "artistId": "skywave",
                 *       "displayName": "Skywave",
                 *       "provider": "aws"
                 *     }
                 */
                "application/json": components["schemas"]["CreateArtistRequest"];
            };
        };
        responses: {
            /** @description The artist (or, for a repeated request, the same artist) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Artist"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getArtist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artistId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artist */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ArtistPublic"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteArtist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artistId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ArtistDeleted"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    issueArtistCallbackToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artistId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CallbackToken"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getArtistAwsTemplate: {
        parameters: {
            query?: {
                format?: "yaml" | "json";
            };
            header?: never;
            path: {
                artistId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template and how to launch it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ArtistAwsTemplate"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unavailable; see `Retry-After` */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getArtistSetupStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                artistId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The setup status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ArtistSetupStatus"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    streamArtistSetupEvents: {
        parameters: {
            query?: never;
            header?: {
                "last-event-id"?: string;
            };
            path: {
                artistId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The setup is finished and the last event was already received: stop */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    completeArtistSetup: {
        parameters: {
            query?: never;
            header?: {
                /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the callback token>`; optional, checked when present, 5 minutes either way */
                "x-amply-signature"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "artistId": "skywave",
                 *       "provider": "aws",
                 *       "stack_id": "arn:aws:cloudformation:eu-north-1:111122223333:stack/amply-skywave/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e",
                 *       "outputs": {
                 *         "BucketName": "amply-skywave-111122223333",
                 *         "CloudFrontDomain": "d1234567abcdef.cloudfront.net",
                 *         "RoleArn": "arn:aws:iam::111122223333:role/AmplyAccessRole-skywave"
                 *       },
                 *       "callback_token": "amply_skywave_1764331200000_0123456789abcdef0123456789abcdef",
                 *       "callback_timestamp": "2026-11-28T12:00:00Z",
                 *       "request_type": "Create"
                 *     }
                 */
                "application/json": components["schemas"]["CompleteArtistSetupRequest"];
            };
        };
        responses: {
            /** @description Saved (or, for Delete, removed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompleteArtistSetupResult"];
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    verifyArtistStack: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "artistId": "skywave",
                 *       "stackName": "amply-skywave",
                 *       "provider": "aws",
                 *       "accountId": "111122223333",
                 *       "region": "eu-north-1"
                 *     }
                 */
                "application/json": components["schemas"]["VerifyStackRequest"];
            };
        };
        responses: {
            /** @description Complete (config saved) or failed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["VerifyStackResult"];
                    };
                };
            };
            /** @description Not finished yet: ask again in about 10 seconds */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["VerifyStackResult"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description An upstream provider failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getArtistIndex: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The index */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ArtistIndex"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getMyProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PublicProfile"];
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putMyProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "username": "Ada.Sings",
                 *       "displayName": "Ada",
                 *       "roles": [
                 *         "artist"
                 *       ],
                 *       "bio": "Jazz vocalist and session singer.",
                 *       "location": "Berlin, DE",
                 *       "skills": [
                 *         "jazz",
                 *         "vocals"
                 *       ],
                 *       "links": [
                 *         "https://soundcloud.com/ada"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["ProfileInput"];
            };
        };
        responses: {
            /** @description The profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PublicProfile"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteMyProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            message: string;
                        };
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createProfileUploadUrl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "fileName": "avatar.png",
                 *       "fileType": "image/png",
                 *       "fileSize": 184320
                 *     }
                 */
                "application/json": components["schemas"]["ImageUploadUrlRequest"];
            };
        };
        responses: {
            /** @description Where and how to upload */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["UploadTicket"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setMyAvatar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "imageKey": "uploads/usr_01jd8x4m9q2v7k3n5p6r8s0t1w/0f8e2a4c-avatar.png"
                 *     }
                 */
                "application/json": components["schemas"]["ImageKeyRequest"];
            };
        };
        responses: {
            /** @description The profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PublicProfile"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteMyAvatar: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PublicProfile"];
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyPortfolio: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The items */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Portfolio"];
                    };
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    addPortfolioItem: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Live at the Quasimodo",
                 *       "description": "A trio set, May 2026.",
                 *       "kind": "audio",
                 *       "url": "https://soundcloud.com/ada/live-at-the-quasimodo",
                 *       "position": 0
                 *     }
                 */
                "application/json": components["schemas"]["PortfolioItemInput"];
            };
        };
        responses: {
            /** @description The item */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PortfolioItem"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replacePortfolioItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Live at the Quasimodo",
                 *       "description": "A trio set, May 2026.",
                 *       "kind": "audio",
                 *       "url": "https://soundcloud.com/ada/live-at-the-quasimodo",
                 *       "position": 0
                 *     }
                 */
                "application/json": components["schemas"]["PortfolioItemInput"];
            };
        };
        responses: {
            /** @description The item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PortfolioItem"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deletePortfolioItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            message: string;
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setPortfolioItemImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                itemId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "imageKey": "uploads/usr_01jd8x4m9q2v7k3n5p6r8s0t1w/0f8e2a4c-avatar.png"
                 *     }
                 */
                "application/json": components["schemas"]["ImageKeyRequest"];
            };
        };
        responses: {
            /** @description The item */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PortfolioItem"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["ProfilePage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUserByUsername: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PublicProfile"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["PublicProfile"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUserPortfolio: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The items */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Portfolio"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCastings: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                roleType?: "vocalist" | "instrumentalist" | "band-member" | "session-musician" | "dj" | "producer" | "songwriter" | "dancer" | "actor" | "model" | "other";
                /** @description The location as written on the casting, any letter case and punctuation */
                location?: string;
                compensationType?: "paid" | "unpaid" | "expenses-only" | "revenue-share";
                /** @description Whole words of the title or skills; every word must match */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CastingPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCasting: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key and body returns the first result and creates nothing */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Jazz vocalist for a weekend residency",
                 *       "description": "Two sets a night, Friday and Saturday, with a piano trio.",
                 *       "roleType": "vocalist",
                 *       "location": "Berlin, DE",
                 *       "compensationType": "paid",
                 *       "compensation": "€300 per night",
                 *       "skills": [
                 *         "jazz",
                 *         "standards"
                 *       ],
                 *       "questions": [
                 *         "Are you available from March?"
                 *       ],
                 *       "expiresAt": "2027-02-28T18:00:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["CastingInput"];
            };
        };
        responses: {
            /** @description Created (or, for a repeated Idempotency-Key, the first result) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Casting"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCasting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The casting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Casting"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    replaceCasting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "title": "Jazz vocalist for a weekend residency",
                 *       "description": "Two sets a night, Friday and Saturday, with a piano trio.",
                 *       "roleType": "vocalist",
                 *       "location": "Berlin, DE",
                 *       "compensationType": "paid",
                 *       "compensation": "€300 per night",
                 *       "skills": [
                 *         "jazz",
                 *         "standards"
                 *       ],
                 *       "questions": [
                 *         "Are you available from March?"
                 *       ],
                 *       "expiresAt": "2027-02-28T18:00:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["CastingInput"];
            };
        };
        responses: {
            /** @description The casting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Casting"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteCasting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            message: string;
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    closeCasting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The casting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Casting"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reopenCasting: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The casting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Casting"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setCastingCover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "imageKey": "uploads/usr_01jd8x4m9q2v7k3n5p6r8s0t1w/0f8e2a4c-avatar.png"
                 *     }
                 */
                "application/json": components["schemas"]["ImageKeyRequest"];
            };
        };
        responses: {
            /** @description The casting */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["Casting"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRecruiterCastings: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Created at or after (a date or date-time) */
                from?: string;
                /** @description Created at or before (a date means the whole day) */
                to?: string;
            };
            header?: never;
            path: {
                recruiterId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CastingPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUserCastings: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CastingPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCastingApplications: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                status?: "submitted" | "shortlisted" | "rejected" | "accepted" | "withdrawn";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CastingApplicationPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    applyToCasting: {
        parameters: {
            query?: never;
            header?: {
                /** @description A retry with the same key and body returns the first result and creates nothing */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "message": "I sang with the Blue Note house band for two seasons.",
                 *       "answers": [
                 *         {
                 *           "questionId": "q1",
                 *           "answer": "Yes, from March."
                 *         }
                 *       ],
                 *       "portfolioItemIds": [
                 *         "pfi_01jd8x4m9q2v7k3n5p6r8s0t1w"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["ApplicationInput"];
            };
        };
        responses: {
            /** @description Submitted (or, for a repeated Idempotency-Key, the first result) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CastingApplication"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    withdrawApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                applicationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The application, withdrawn */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CastingApplication"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setApplicationStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                applicationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "shortlisted"
                 *     }
                 */
                "application/json": components["schemas"]["ApplicationStatusChange"];
            };
        };
        responses: {
            /** @description The application */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CastingApplication"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than 1 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listMyApplications: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: components["schemas"]["CastingApplicationPage"];
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid or expired credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited; see `Retry-After` */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOutboxMessages: {
        parameters: {
            query?: {
                /** @description Only mail to this address */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Messages, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            items: components["schemas"]["OutboxMessage"][];
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDevEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Only events about this subject */
                subject?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        success: true;
                        data: {
                            items: components["schemas"]["DevEvent"][];
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Invalid input (`VALIDATION_ERROR` with `details`, or a module-specific code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Authenticated but not allowed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
