import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { createKeyedHasher } from '../security/keyed-hash.js';
import { createCursorCodec } from './cursor.js';

const codec = createCursorCodec(createKeyedHasher('a-test-secret-that-is-long-enough-0123'));

describe('cursor codec', () => {
  it('round-trips a cursor within its scope and passes null through', () => {
    const sealed = codec.seal('list:a', 'raw-cursor') as string;
    expect(codec.open('list:a', sealed)).toBe('raw-cursor');
    expect(codec.seal('list:a', null)).toBeNull();
    expect(codec.open('list:a', undefined)).toBeNull();
  });

  it('refuses a cursor from another scope, an edited one and garbage', () => {
    const sealed = codec.seal('list:a', 'raw-cursor') as string;
    expect(() => codec.open('list:b', sealed)).toThrow(ValidationError);
    const [body, tag] = sealed.split('.') as [string, string];
    const edited = `${Buffer.from('other-cursor').toString('base64url')}.${tag}`;
    expect(() => codec.open('list:a', edited)).toThrow(ValidationError);
    expect(() => codec.open('list:a', `${body}`)).toThrow(ValidationError);
    expect(() => codec.open('list:a', '...')).toThrow(ValidationError);
  });
});
