import { describe, expect, it } from 'vitest';
import {
  callbackTokenArtist,
  checkCallbackSignature,
  newCallbackToken,
  SIGNATURE_TOLERANCE_SECONDS,
  signCallback,
} from './callback-token.js';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('callback tokens', () => {
  it('are amply_<artistId>_<unix-ms>_<32 hex>, different every time, and name their artist', () => {
    const token = newCallbackToken('sky-wave', NOW);
    expect(token).toMatch(new RegExp(`^amply_sky-wave_${NOW}_[0-9a-f]{32}$`));
    expect(newCallbackToken('sky-wave', NOW)).not.toBe(token);
    expect(callbackTokenArtist(token)).toBe('sky-wave');
  });

  it('name no artist when they are not in that shape', () => {
    for (const candidate of [
      'amply_test_artist_1704499200_...',
      `amply_sky-wave_${NOW}_${'0'.repeat(31)}`,
      `amply_Sky_${NOW}_${'0'.repeat(32)}`,
      `amply_sky-wave_1704499200_${'0'.repeat(32)}`,
      ` amply_sky-wave_${NOW}_${'0'.repeat(32)}`,
    ]) {
      expect(callbackTokenArtist(candidate), candidate).toBeUndefined();
    }
  });
});

describe('X-Amply-Signature', () => {
  const token = newCallbackToken('sky-wave', NOW);
  const body = '{"artistId":"sky-wave"}';

  it('is valid for the body and key it was made with, at any time within the tolerance', () => {
    const header = signCallback(token, body, NOW);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(checkCallbackSignature(header, token, body, NOW)).toBe('valid');
    const edge = SIGNATURE_TOLERANCE_SECONDS * 1000;
    expect(checkCallbackSignature(header, token, body, NOW + edge)).toBe('valid');
    expect(checkCallbackSignature(header, token, body, NOW + edge + 1000)).toBe('outside_tolerance');
    expect(checkCallbackSignature(header, token, body, NOW - edge - 1000)).toBe('outside_tolerance');
  });

  it('does not match another body, another key, or a signature moved to another time', () => {
    const header = signCallback(token, body, NOW);
    expect(checkCallbackSignature(header, token, `${body} `, NOW)).toBe('mismatch');
    expect(checkCallbackSignature(header, newCallbackToken('sky-wave', NOW), body, NOW)).toBe('mismatch');
    const moved = header.replace(/^t=(\d+)/, (_, t) => `t=${Number(t) + 1}`);
    expect(checkCallbackSignature(moved, token, body, NOW)).toBe('mismatch');
  });

  it('accepts any one of several v1 values (key rotation) and refuses malformed headers', () => {
    const header = signCallback(token, body, NOW);
    const [time, v1] = header.split(',');
    expect(checkCallbackSignature(`${time},v1=${'0'.repeat(64)},${v1}`, token, body, NOW)).toBe('valid');
    for (const malformed of ['', 'v1=abc', `t=soon,${v1}`, time as string, 'garbage']) {
      expect(checkCallbackSignature(malformed, token, body, NOW), malformed).toBe('malformed');
    }
  });
});
