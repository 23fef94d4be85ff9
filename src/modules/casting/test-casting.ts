import { STRONG_PASSWORD, signedInUser, type TestApp } from '../../../test/helpers/test-app.js';

/*
 * Helpers for the casting board's tests: users with profiles, and valid castings, made through the API.
 */

let sequence = 0;

/** A username nobody else in the run has. */
export function uniqueUsername(label = 'user'): string {
  sequence += 1;
  return `${label}.${sequence}.${Math.random().toString(36).slice(2, 8)}`;
}

/** A signed-in user with a profile of these roles. */
export async function member(t: TestApp, roles: Array<'artist' | 'recruiter'>, label = 'member') {
  const user = await signedInUser(t, label);
  const username = uniqueUsername(label);
  const profile = await t.call('PUT', '/users/me', {
    token: user.accessToken,
    body: { username, roles, displayName: `${label} person` },
  });
  if (profile.status !== 200) throw new Error(`profile answered ${profile.status}: ${profile.text}`);
  return { ...user, token: user.accessToken, username };
}

/** A valid casting body, expiring 30 days after the test clock's now; tests override what they are about. */
export function castingBody(t: { clock: { now(): number } }, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Lead vocalist for a jazz trio',
    description: 'Weekly rehearsals in Kreuzberg, three concerts in spring.',
    roleType: 'vocalist',
    location: 'Berlin, DE',
    compensationType: 'paid',
    compensation: '€300 per concert',
    skills: ['Jazz', 'Scat singing'],
    questions: ['Which standards do you know?', 'Are you free on Thursdays?'],
    expiresAt: new Date(t.clock.now() + 30 * 24 * 3600 * 1000).toISOString(),
    ...overrides,
  };
}

/** Posts a casting and returns it; throws unless it answers 201. */
export async function postCasting(t: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  const created = await t.call('POST', '/castings', { token, body: castingBody(t, overrides) });
  if (created.status !== 201) throw new Error(`casting answered ${created.status}: ${created.text}`);
  return created.json.data as { id: string; recruiterId: string } & Record<string, unknown>;
}

/** A new access token for a test user (after the test clock moved past the old one's hour). */
export async function freshToken(t: TestApp, email: string): Promise<string> {
  const login = await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
  return login.json.data.accessToken as string;
}
