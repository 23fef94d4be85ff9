import { ValidationError } from '../errors.js';
import { type KeyedHasher, safeEqual } from '../security/keyed-hash.js';

/**
 * Pagination cursors are the store's own cursor plus an HMAC over it and the list it belongs to
 * (for example `guitars:<userId>`): a cursor from one user's list, or an edited one, is refused
 * before it reaches DynamoDB.
 */
export interface CursorCodec {
  seal(scope: string, cursor: string | null): string | null;
  open(scope: string, sealed: string | undefined): string | null;
}

export function createCursorCodec(hasher: KeyedHasher): CursorCodec {
  const tag = (scope: string, cursor: string) => hasher.hash('cursor', `${scope}\n${cursor}`).slice(0, 22);
  return {
    seal(scope, cursor) {
      return cursor === null
        ? null
        : `${Buffer.from(cursor, 'utf8').toString('base64url')}.${tag(scope, cursor)}`;
    },
    open(scope, sealed) {
      if (sealed === undefined || sealed === '') return null;
      const [body, signature, ...rest] = sealed.split('.');
      const cursor = body ? Buffer.from(body, 'base64url').toString('utf8') : '';
      if (!cursor || !signature || rest.length > 0 || !safeEqual(signature, tag(scope, cursor))) {
        throw new ValidationError('The cursor is not valid for this list', [
          { field: 'cursor', message: 'Use the nextCursor value of the previous page of this same list' },
        ]);
      }
      return cursor;
    },
  };
}
