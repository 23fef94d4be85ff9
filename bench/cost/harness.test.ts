import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';
import { PASSWORD, signedUp } from './operations.js';

describe('the cost harness’s samples', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('counts what a sample’s own work did, and nothing of the work that runs between samples', async () => {
    const { email, accessToken } = await signedUp(h, 'attribution');
    const signIn = () => h.call('POST', '/auth/login', { body: { email, password: PASSWORD } });

    const login = await h.sample(signIn, false);
    // Between samples, as the next operation's preparation runs: a sign-in records an event and a response.
    await signIn();
    const profile = await h.sample(() => h.call('GET', '/user/profile', { token: accessToken }), false);
    await signIn();

    expect(login.effects.eventsCarried).toBe(1);
    expect(profile.effects.eventsCarried + profile.effects.eventsPublished).toBe(0);
    // A profile is well under a kilobyte; a sign-in's tokens alone are more.
    expect(profile.effects.responseBytes).toBeGreaterThan(0);
    expect(profile.effects.responseBytes).toBeLessThan(1024);
    expect(login.effects.responseBytes).toBeGreaterThan(1024);
  }, 60_000);
});
