import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/*
 * A named fake: a passkey authenticator in software (ES256, "none" attestation), for the in-process tests
 * that cannot drive a browser. It speaks the real wire format — CBOR attestation objects, authenticator
 * data, DER signatures over authenticator data and the client data hash — so the server verifies it with
 * the real library. The browser test uses Chromium's own virtual authenticator instead.
 */

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL = 0x40;

interface StoredCredential {
  id: Buffer;
  privateKey: KeyObject;
  userHandle: string;
  counter: number;
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

function authenticatorData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): string {
  return b64url(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

/** A software passkey authenticator holding discoverable credentials for one origin. */
export function createSoftwareAuthenticator(defaults: { origin: string }) {
  const credentials: StoredCredential[] = [];

  return {
    credentials,

    /**
     * navigator.credentials.create(): a new ES256 credential for the options' user, counter starting at 0
     * (`credentialId` reuses an id, as a client copying another account's credential would).
     */
    create(
      options: PublicKeyCredentialCreationOptionsJSON,
      overrides: { origin?: string; userVerified?: boolean; rpId?: string; credentialId?: Buffer } = {},
    ): RegistrationResponseJSON {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const coseKey = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(jwk.x as string, 'base64url')],
          [-3, Buffer.from(jwk.y as string, 'base64url')],
        ]),
      );
      const id = overrides.credentialId ?? randomBytes(16);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const attested = Buffer.concat([Buffer.alloc(16), idLength, id, Buffer.from(coseKey)]);
      const flags =
        FLAG_USER_PRESENT |
        FLAG_ATTESTED_CREDENTIAL |
        (overrides.userVerified === false ? 0 : FLAG_USER_VERIFIED);
      const rpId = overrides.rpId ?? options.rp.id ?? new URL(defaults.origin).hostname;
      const attestationObject = isoCBOR.encode(
        new Map<string, string | Map<string, string> | Uint8Array>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, string>()],
          ['authData', authenticatorData(rpId, flags, 0, attested)],
        ]),
      );
      credentials.push({ id, privateKey, userHandle: options.user.id, counter: 0 });
      return {
        id: b64url(id),
        rawId: b64url(id),
        type: 'public-key',
        response: {
          clientDataJSON: clientData(
            'webauthn.create',
            options.challenge,
            overrides.origin ?? defaults.origin,
          ),
          attestationObject: b64url(attestationObject),
          transports: ['internal'],
        },
        authenticatorAttachment: 'platform',
        clientExtensionResults: {},
      };
    },

    /**
     * navigator.credentials.get() with a discoverable credential (the last made, unless `credentialId`):
     * the counter moves up by one, unless `counter` sets it (a clone replaying an old count).
     */
    get(
      options: PublicKeyCredentialRequestOptionsJSON,
      overrides: { credentialId?: string; counter?: number; origin?: string; userVerified?: boolean } = {},
    ): AuthenticationResponseJSON {
      const credential = overrides.credentialId
        ? credentials.find((candidate) => b64url(candidate.id) === overrides.credentialId)
        : credentials[credentials.length - 1];
      if (!credential) throw new Error('the software authenticator holds no such credential');
      credential.counter = overrides.counter ?? credential.counter + 1;
      const flags = FLAG_USER_PRESENT | (overrides.userVerified === false ? 0 : FLAG_USER_VERIFIED);
      const rpId = options.rpId ?? new URL(defaults.origin).hostname;
      const data = authenticatorData(rpId, flags, credential.counter);
      const clientDataJSON = clientData(
        'webauthn.get',
        options.challenge,
        overrides.origin ?? defaults.origin,
      );
      const signature = sign(
        'sha256',
        Buffer.concat([data, sha256(Buffer.from(clientDataJSON, 'base64url'))]),
        credential.privateKey,
      );
      return {
        id: b64url(credential.id),
        rawId: b64url(credential.id),
        type: 'public-key',
        response: {
          clientDataJSON,
          authenticatorData: b64url(data),
          signature: b64url(signature),
          userHandle: credential.userHandle,
        },
        clientExtensionResults: {},
      };
    },
  };
}
