import { lazy } from '../lazy.js';

/** OWASP's minimum for argon2id: 19 MiB of memory, two passes, one lane. */
const ARGON2ID = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verification, for logins to addresses without a password. */
  verifyNothing(password: string): Promise<false>;
}

export function createPasswordHasher(): PasswordHasher {
  const argon2 = lazy(() => import('@node-rs/argon2'));
  const dummyHash = lazy(async () => (await argon2()).hash('amply-timing-equaliser', ARGON2ID));
  return {
    async hash(password) {
      return (await argon2()).hash(password, ARGON2ID);
    },
    async verify(hash, password) {
      try {
        return await (await argon2()).verify(hash, password);
      } catch {
        return false;
      }
    },
    async verifyNothing(password) {
      await (await argon2()).verify(await dummyHash(), password);
      return false;
    },
  };
}
