import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { type Clock, epochSeconds } from '../clock.js';
import { DomainError, UnauthorizedError } from '../errors.js';
import { isId } from '../ids.js';
import { SIGNING_ALGORITHM, type SigningKeySet } from './signing-keys.js';

/** RFC 9068's media type for JWT access tokens: an id token (typ JWT) can never pass as one. */
const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface TokenSettings {
  issuer: string;
  /** Audience of access tokens (the API); id tokens are addressed to the client instead. */
  audience: string;
  clientId: string;
  accessTtl: number;
}

/** Who is calling, as read from a verified access token. */
export interface Principal {
  userId: string;
  sessionId: string;
  scopes: string[];
  isAdmin: boolean;
  /** When the user last proved who they are (password, SSO or MFA), in epoch seconds. */
  authTime: number;
  /** Expiry of the token, in epoch seconds. */
  expiresAt: number;
}

export interface AccessTokenInput {
  userId: string;
  sessionId: string;
  scopes: string[];
  authTime: number;
}

export interface IdTokenInput {
  userId: string;
  sessionId: string;
  authTime: number;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TokenIssuer {
  accessToken(input: AccessTokenInput): Promise<string>;
  idToken(input: IdTokenInput): Promise<string>;
}

export function createTokenIssuer(keys: SigningKeySet, settings: TokenSettings, clock: Clock): TokenIssuer {
  const sign = (claims: Record<string, unknown>, type: string, audience: string, subject: string) => {
    const now = epochSeconds(clock.now());
    return new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: keys.signer.kid, typ: type })
      .setIssuer(settings.issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + settings.accessTtl)
      .setJti(randomUUID())
      .sign(keys.signer.key);
  };
  return {
    accessToken: (input) =>
      sign(
        {
          token_use: 'access',
          scope: input.scopes.join(' '),
          sid: input.sessionId,
          auth_time: input.authTime,
          client_id: settings.clientId,
        },
        ACCESS_TOKEN_TYPE,
        settings.audience,
        input.userId,
      ),
    idToken: (input) =>
      sign(
        {
          token_use: 'id',
          sid: input.sessionId,
          auth_time: input.authTime,
          email: input.email,
          email_verified: input.emailVerified,
          name: input.name,
        },
        'JWT',
        settings.clientId,
        input.userId,
      ),
  };
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<Principal>;
}

const CACHE_LIMIT = 10_000;

/**
 * Verifies access tokens: RS256 only, our issuer, the API audience, `typ: at+jwt`, `token_use: access`,
 * and the time claims. A token verified once is remembered until it expires, so a busy client pays the
 * signature check once, not on every request.
 */
export function createAccessTokenVerifier(
  keys: SigningKeySet,
  settings: TokenSettings,
  clock: Clock,
): AccessTokenVerifier {
  const keyStore = createLocalJWKSet(keys.jwks);
  const verified = new Map<string, Principal>();

  const expired = () => new DomainError('AUTH_TOKEN_EXPIRED', 401, 'The access token has expired');

  return {
    async verify(token) {
      const nowMs = clock.now();
      const cached = verified.get(token);
      if (cached) {
        if (cached.expiresAt * 1000 > nowMs) return cached;
        verified.delete(token);
        throw expired();
      }
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, keyStore, {
          algorithms: [SIGNING_ALGORITHM],
          issuer: settings.issuer,
          audience: settings.audience,
          typ: ACCESS_TOKEN_TYPE,
          currentDate: new Date(nowMs),
          // Instances' clocks differ a little; a token fresh from one must pass on another.
          clockTolerance: 5,
          requiredClaims: ['sub', 'exp', 'iat', 'nbf', 'sid', 'token_use'],
        }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw expired();
        throw new UnauthorizedError('The access token is not valid');
      }
      // Only our signing key makes a token, but its subject still has to be an account id before any
      // store sees it.
      if (payload.token_use !== 'access' || typeof payload.sid !== 'string' || !isId('usr', payload.sub)) {
        throw new UnauthorizedError('The access token is not valid');
      }
      const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
      const principal: Principal = {
        userId: payload.sub as string,
        sessionId: payload.sid,
        scopes,
        isAdmin: scopes.includes('admin'),
        authTime: typeof payload.auth_time === 'number' ? payload.auth_time : (payload.iat as number),
        expiresAt: payload.exp as number,
      };
      if (verified.size >= CACHE_LIMIT) {
        const oldest = verified.keys().next().value;
        if (oldest !== undefined) verified.delete(oldest);
      }
      verified.set(token, principal);
      return principal;
    },
  };
}
