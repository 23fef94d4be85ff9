import { describe, expect, it } from 'vitest';
import { createSetupNotifier } from './setup-notifier.js';

describe('setup notifier', () => {
  it('wakes every wait on the artist once, and no other artist’s', async () => {
    const notifier = createSetupNotifier();
    const open = new AbortController();
    const woken: string[] = [];
    const a1 = notifier.next('a', open.signal).then(() => woken.push('a1'));
    const a2 = notifier.next('a', open.signal).then(() => woken.push('a2'));
    void notifier.next('b', open.signal).then(() => woken.push('b'));
    notifier.notify('a');
    await Promise.all([a1, a2]);
    expect(woken.sort()).toEqual(['a1', 'a2']);
    expect(notifier.waiting('a')).toBe(0);
    expect(notifier.waiting('b')).toBe(1);
    open.abort();
  });

  it('forgets a wait whose signal aborts (a stream the client closed) and resolves it', async () => {
    const notifier = createSetupNotifier();
    const closed = new AbortController();
    const wait = notifier.next('a', closed.signal);
    expect(notifier.waiting('a')).toBe(1);
    closed.abort();
    await wait;
    expect(notifier.waiting('a')).toBe(0);
    await notifier.next('a', closed.signal);
    expect(notifier.waiting('a')).toBe(0);
  });
});
