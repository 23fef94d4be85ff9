import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  STRONG_PASSWORD,
  signedInUser,
  type TestApp,
  uniqueEmail,
} from '../../../../test/helpers/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

describe('registration races and enumeration', () => {
  it('makes exactly one account from 50 concurrent registrations of one address', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: `Racer ${i}` } }),
      ),
    );
    expect(new Set(results.map((result) => result.status))).toEqual(new Set([202]));
    const client = await t.deps.db.documentClient();
    const { Items = [] } = await client.send(
      new ScanCommand({
        TableName: t.deps.db.tableName,
        FilterExpression: '#e = :entity AND email = :email',
        ExpressionAttributeNames: { '#e': '__edb_e__' },
        ExpressionAttributeValues: { ':entity': 'user', ':email': email },
      }),
    );
    expect(Items).toHaveLength(1);
    expect(
      t.mail.to(email).filter((message) => message.subject === 'Confirm your Amply account'),
    ).toHaveLength(1);
  });

  it('answers registration of a known address exactly as of a new one', async () => {
    const known = await signedInUser(t);
    const fresh = await t.call('POST', '/auth/register', {
      body: { email: uniqueEmail(), password: STRONG_PASSWORD, name: 'X' },
    });
    const again = await t.call('POST', '/auth/register', {
      body: { email: known.email, password: STRONG_PASSWORD, name: 'X' },
    });
    expect(again.status).toBe(fresh.status);
    expect(Object.keys(again.json.data)).toEqual(Object.keys(fresh.json.data));
    expect(again.json.data.message).toBe(fresh.json.data.message);
  });

  it('answers a wrong address and a wrong password identically, and checks a password hash for both', async () => {
    const known = await signedInUser(t);
    const calls: string[] = [];
    const { verify, verifyNothing } = t.deps.passwords;
    t.deps.passwords.verify = async (hash, password) => {
      calls.push('verify');
      return verify(hash, password);
    };
    t.deps.passwords.verifyNothing = async (password) => {
      calls.push('verifyNothing');
      return verifyNothing(password);
    };
    try {
      const wrongAddress = await t.call('POST', '/auth/login', {
        body: { email: uniqueEmail('ghost'), password: 'Whatever-12345!' },
      });
      const wrongPassword = await t.call('POST', '/auth/login', {
        body: { email: known.email, password: 'Whatever-12345!' },
      });
      expect(wrongAddress.status).toBe(401);
      expect(wrongPassword.status).toBe(401);
      expect(wrongAddress.json.error.code).toBe(wrongPassword.json.error.code);
      expect(wrongAddress.json.error.message).toBe(wrongPassword.json.error.message);
      expect(calls).toEqual(['verifyNothing', 'verify']);
    } finally {
      t.deps.passwords.verify = verify;
      t.deps.passwords.verifyNothing = verifyNothing;
    }
  });

  it('answers forgot-password the same for unknown and known addresses', async () => {
    const known = await signedInUser(t);
    const ghost = await t.call('POST', '/auth/forgot-password', { body: { email: uniqueEmail('ghost') } });
    const real = await t.call('POST', '/auth/forgot-password', { body: { email: known.email } });
    expect(ghost.status).toBe(real.status);
    expect(ghost.json.data.message).toBe(real.json.data.message);
  });
});

describe('lockout', () => {
  it('locks an address after five failures, refusing even the right password, with Retry-After', async () => {
    const user = await signedInUser(t);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await t.call('POST', '/auth/login', {
        body: { email: user.email, password: 'Wrong-Password-123' },
      });
      expect(wrong.status).toBe(401);
    }
    const locked = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBe(60);
    const events = await t.call('GET', '/user/security-events', { token: user.accessToken });
    expect(events.json.data.items.map((event: { type: string }) => event.type)).toContain('login.locked');
  });

  it('locks unknown addresses the same way, so the lock reveals nothing', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 5; i += 1)
      await t.call('POST', '/auth/login', { body: { email: ghost, password: 'Wrong-Password-123' } });
    const locked = await t.call('POST', '/auth/login', {
      body: { email: ghost, password: 'Wrong-Password-123' },
    });
    expect(locked.status).toBe(429);
  });

  it('doubles the lock for each failure after a lock ends, and a success clears it', async () => {
    const user = await signedInUser(t);
    const fail = () =>
      t.call('POST', '/auth/login', { body: { email: user.email, password: 'Wrong-Password-123' } });
    for (let i = 0; i < 5; i += 1) await fail();
    t.clock.advance(61_000);
    expect((await fail()).status).toBe(401);
    const second = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    expect(Number(second.headers.get('retry-after'))).toBe(120);
    t.clock.advance(121_000);
    expect(
      (await t.call('POST', '/auth/login', { body: { email: user.email, password: STRONG_PASSWORD } }))
        .status,
    ).toBe(200);
    expect((await fail()).status).toBe(401);
  });
});

describe('mailed codes', () => {
  it('void a code after five wrong tries, even for the right code', async () => {
    const email = uniqueEmail();
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Tries' } });
    const code = t.mail.lastCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      expect((await t.call('POST', '/auth/confirm', { body: { email, code: wrong } })).json.error.code).toBe(
        'AUTH_CODE_INVALID',
      );
    }
    const right = await t.call('POST', '/auth/confirm', { body: { email, code } });
    expect(right.status).toBe(400);
    expect(right.json.error.code).toBe('AUTH_CODE_INVALID');
    expect(await t.modules.identity.findByEmail(email)).toMatchObject({ emailVerified: false });
  });

  it('let exactly one of many concurrent guesses through when one is right', async () => {
    const email = uniqueEmail();
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Racer' } });
    const code = t.mail.lastCode(email);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.call('POST', '/auth/confirm', { body: { email, code } })),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After and RateLimit headers past 10 logins a minute from one IP', async () => {
    const limited = await createTestApp({ env: { AMPLY_RATE_LIMIT_LOGIN: '10/60' }, ip: '203.0.113.50' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const response = await limited.call('POST', '/auth/login', {
        body: { email: uniqueEmail(), password: 'Wrong-Password-123' },
      });
      statuses.push(response.status);
      if (i === 10) {
        expect(response.json.error.code).toBe('RATE_LIMITED');
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(response.headers.get('ratelimit-limit')).toBe('10');
        expect(response.headers.get('ratelimit-remaining')).toBe('0');
      }
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    limited.setIp('203.0.113.51');
    const otherIp = await limited.call('POST', '/auth/login', {
      body: { email: uniqueEmail(), password: 'Wrong-Password-123' },
    });
    expect(otherIp.status).toBe(401);
  });

  it('limits codes mailed to one address to five an hour, whatever the IP', async () => {
    const limited = await createTestApp({ env: { AMPLY_RATE_LIMIT_SIGNUP_ADDRESS: '5/3600' } });
    const email = uniqueEmail();
    for (let i = 0; i < 5; i += 1) {
      limited.setIp(`203.0.113.${60 + i}`);
      expect((await limited.call('POST', '/auth/forgot-password', { body: { email } })).status).toBe(202);
    }
    limited.setIp('203.0.113.99');
    const sixth = await limited.call('POST', '/auth/forgot-password', { body: { email } });
    expect(sixth.status).toBe(429);
    expect(limited.mail.to(email)).toHaveLength(5);
  });

  it('shares counters between two app instances on one table', async () => {
    const first = await createTestApp({ env: { AMPLY_RATE_LIMIT_LOGIN: '3/60' }, ip: '203.0.113.70' });
    const second = await createTestApp({
      env: { AMPLY_RATE_LIMIT_LOGIN: '3/60' },
      ip: '203.0.113.70',
      db: first.deps.db,
    });
    const login = (app: TestApp) =>
      app.call('POST', '/auth/login', { body: { email: uniqueEmail(), password: 'Wrong-Password-123' } });
    expect((await login(first)).status).toBe(401);
    expect((await login(second)).status).toBe(401);
    expect((await login(first)).status).toBe(401);
    expect((await login(second)).status).toBe(429);
  });
});

describe('logs', () => {
  it('never contain a password, code, token or secret', async () => {
    const app = await createTestApp();
    const email = uniqueEmail('logs');
    const secrets: string[] = [STRONG_PASSWORD, 'Copper-Meadow-Falcon-77'];
    await app.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Logs' } });
    secrets.push(app.mail.lastCode(email));
    await app.call('POST', '/auth/confirm', { body: { email, code: app.mail.lastCode(email) } });
    await app.call('POST', '/auth/login', { body: { email, password: 'Wrong-Password-123' } });
    const login = await app.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } });
    secrets.push(login.json.data.accessToken, login.json.data.idToken, login.json.data.refreshToken);
    const setup = await app.call('POST', '/auth/mfa/totp/setup', {
      token: login.json.data.accessToken,
      body: {},
    });
    secrets.push(setup.json.data.secret);
    const code = await generate({
      secret: setup.json.data.secret,
      epoch: Math.floor(app.clock.now() / 1000),
    });
    const enabled = await app.call('POST', '/auth/mfa/totp/enable', {
      token: login.json.data.accessToken,
      body: { code },
    });
    secrets.push(code, ...enabled.json.data.recoveryCodes);
    const refreshed = await app.call('POST', '/auth/refresh', {
      body: { refreshToken: login.json.data.refreshToken },
    });
    secrets.push(refreshed.json.data.refreshToken, refreshed.json.data.accessToken);
    await app.call('POST', '/auth/forgot-password', { body: { email } });
    const resetCode = app.mail.lastCode(email);
    secrets.push(resetCode);
    await app.call('POST', '/auth/reset-password', {
      body: { email, code: resetCode, newPassword: 'Copper-Meadow-Falcon-77' },
    });
    await app.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD, extra: 'x' } });
    await app.call('GET', '/user/profile', {
      headers: { authorization: `Bearer ${login.json.data.accessToken}x` },
    });
    secrets.push(
      app.deps.config.secrets.hmacSecret as string,
      (app.deps.config.secrets.encryptionKeys as string).split(':')[1] as string,
    );

    expect(app.logLines.length).toBeGreaterThan(10);
    const joined = app.logLines.join('\n');
    for (const secret of secrets) expect(joined).not.toContain(secret);
    expect(joined).not.toContain('"d":');
  });
});

describe('registering an address someone else registered first', () => {
  it('confirms the password the owner chose, not the one of the earlier registration', async () => {
    const email = uniqueEmail('victim');
    const attackerPassword = 'Attacker-Chosen-Secret-91';
    await t.call('POST', '/auth/register', { body: { email, password: attackerPassword, name: 'Mallory' } });
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Victim' } });
    const notice = t.mail.to(email).at(-1);
    expect(notice?.subject).toBe('Someone tried to create an Amply account with your address');
    const confirmed = await t.call('POST', '/auth/confirm', {
      body: { email, code: t.mail.lastCode(email) },
    });
    expect(confirmed.status).toBe(200);
    expect(
      (await t.call('POST', '/auth/login', { body: { email, password: attackerPassword } })).status,
    ).toBe(401);
    expect((await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } })).status).toBe(
      200,
    );
  });

  it('keeps binding a resent code to the latest registration’s password', async () => {
    const email = uniqueEmail('victim');
    await t.call('POST', '/auth/register', {
      body: { email, password: 'Attacker-Chosen-Secret-91', name: 'M' },
    });
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Victim' } });
    await t.call('POST', '/auth/resend-code', { body: { email } });
    await t.call('POST', '/auth/confirm', { body: { email, code: t.mail.lastCode(email) } });
    expect((await t.call('POST', '/auth/login', { body: { email, password: STRONG_PASSWORD } })).status).toBe(
      200,
    );
  });

  it('replaces a registration left unconfirmed for more than a day', async () => {
    const email = uniqueEmail('late');
    await t.call('POST', '/auth/register', {
      body: { email, password: 'Attacker-Chosen-Secret-91', name: 'M' },
    });
    const abandoned = await t.modules.identity.findByEmail(email);
    t.clock.advance(25 * 3600 * 1000);
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Owner' } });
    expect(t.mail.to(email).at(-1)?.subject).toBe('Confirm your Amply account');
    const confirmed = await t.call('POST', '/auth/confirm', {
      body: { email, code: t.mail.lastCode(email) },
    });
    expect(confirmed.json.data.userId).not.toBe(abandoned?.userId);
    expect(confirmed.json.data.displayName).toBe('Owner');
  });
});

describe('password reset answers', () => {
  it('are the same for an unknown address and a known one with a wrong code, whatever the new password', async () => {
    const known = await signedInUser(t);
    const ghost = await t.call('POST', '/auth/reset-password', {
      body: { email: uniqueEmail('ghost'), code: '123456', newPassword: 'weak' },
    });
    const wrongCode = await t.call('POST', '/auth/reset-password', {
      body: { email: known.email, code: '123456', newPassword: 'weak' },
    });
    expect(ghost.status).toBe(400);
    expect(wrongCode.status).toBe(400);
    expect(ghost.json.error.code).toBe(wrongCode.json.error.code);
    expect(ghost.json.error.message).toBe(wrongCode.json.error.message);
  });
});

describe('lockout against bursts', () => {
  it('checks at most five of forty parallel wrong passwords for one address; the rest get 429', async () => {
    const user = await signedInUser(t);
    let checked = 0;
    const { verify } = t.deps.passwords;
    t.deps.passwords.verify = async (hash, password) => {
      checked += 1;
      return verify(hash, password);
    };
    try {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => {
          t.setIp(`203.0.113.${100 + (i % 50)}`);
          return t.call('POST', '/auth/login', {
            body: { email: user.email, password: 'Wrong-Password-123' },
          });
        }),
      );
      expect(results.filter((result) => result.status === 401).length).toBeLessThanOrEqual(5);
      expect(results.filter((result) => result.status === 429).length).toBeGreaterThanOrEqual(35);
      expect(checked).toBeLessThanOrEqual(5);
    } finally {
      t.deps.passwords.verify = verify;
      t.setIp('198.51.100.7');
    }
  });

  it('lets every right-password sign-in from 10 concurrent clients through: a right password is never a failure', async () => {
    const user = await signedInUser(t);
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = 0; i < 5; i += 1) {
          const login = await t.call('POST', '/auth/login', {
            body: { email: user.email, password: STRONG_PASSWORD },
          });
          statuses.push(login.status);
        }
      }),
    );
    expect(statuses).toHaveLength(50);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  }, 60_000);

  it('sends RateLimit headers for the lock itself on its 429', async () => {
    const user = await signedInUser(t);
    for (let i = 0; i < 5; i += 1) {
      await t.call('POST', '/auth/login', { body: { email: user.email, password: 'Wrong-Password-123' } });
    }
    const locked = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('ratelimit-limit')).toBe('5');
    expect(locked.headers.get('ratelimit-remaining')).toBe('0');
    expect(locked.headers.get('ratelimit-reset')).toBe(locked.headers.get('retry-after'));
  });

  it('counts wrong current passwords, so a stolen access token is no way to guess the password', async () => {
    const user = await signedInUser(t);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await t.call('POST', '/auth/change-password', {
        token: user.accessToken,
        body: { currentPassword: `Wrong-Password-${i}00`, newPassword: 'Copper-Meadow-Falcon-77' },
      });
      expect(wrong.status).toBe(i < 4 ? 401 : 429);
    }
    const login = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    expect(login.status).toBe(429);
  });

  it('counts wrong second factors across sign-in challenges', async () => {
    const user = await signedInUser(t);
    const setup = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
    const secret = setup.json.data.secret as string;
    const code = await generate({ secret, epoch: Math.floor(t.clock.now() / 1000) });
    await t.call('POST', '/auth/mfa/totp/enable', { token: user.accessToken, body: { code } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const login = await t.call('POST', '/auth/login', {
        body: { email: user.email, password: STRONG_PASSWORD },
      });
      const verify = await t.call('POST', '/auth/mfa/verify', {
        body: { session: login.json.data.session, code: '000000' },
      });
      statuses.push(verify.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
  });
});

describe('races around credentials', () => {
  it('enables TOTP once when two enables race; the recovery codes handed out work', async () => {
    const user = await signedInUser(t);
    const setup = await t.call('POST', '/auth/mfa/totp/setup', { token: user.accessToken, body: {} });
    const code = await generate({ secret: setup.json.data.secret, epoch: Math.floor(t.clock.now() / 1000) });
    const results = await Promise.all([
      t.call('POST', '/auth/mfa/totp/enable', { token: user.accessToken, body: { code } }),
      t.call('POST', '/auth/mfa/totp/enable', { token: user.accessToken, body: { code } }),
    ]);
    const winner = results.find((result) => result.status === 200);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const login = await t.call('POST', '/auth/login', {
      body: { email: user.email, password: STRONG_PASSWORD },
    });
    const verified = await t.call('POST', '/auth/mfa/verify', {
      body: { session: login.json.data.session, code: winner?.json.data.recoveryCodes[0] },
    });
    expect(verified.status).toBe(200);
  });

  it('refuses a sign-in whose password was reset while it was being checked, leaving no session', async () => {
    const user = await signedInUser(t);
    const { verify } = t.deps.passwords;
    t.deps.passwords.verify = async (hash, password) => {
      const matches = await verify(hash, password);
      // The reset lands while argon2 runs on the old password.
      await t.modules.identity.forgotPassword({ email: user.email });
      await t.modules.identity.resetPassword(
        { email: user.email, code: t.mail.lastCode(user.email), newPassword: 'Copper-Meadow-Falcon-77' },
        { ip: 'test' },
      );
      return matches;
    };
    try {
      const login = await t.call('POST', '/auth/login', {
        body: { email: user.email, password: STRONG_PASSWORD },
      });
      expect(login.status).toBe(401);
    } finally {
      t.deps.passwords.verify = verify;
    }
    const exported = await t.modules.identity.exportData(user.userId);
    expect(
      exported.sessions.every((session: { revokedAt: string | null }) => session.revokedAt !== null),
    ).toBe(true);
  });
});

describe('operator provisioning', () => {
  it('refuses to make an unconfirmed account (which anybody could have registered) an administrator', async () => {
    const email = uniqueEmail('pending');
    await t.call('POST', '/auth/register', { body: { email, password: STRONG_PASSWORD, name: 'Pending' } });
    await expect(
      t.modules.identity.provisionAdmin({ email, password: STRONG_PASSWORD, name: 'x' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
