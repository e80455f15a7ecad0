import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../server/auth/commonPasswords.js';
import { existingAccount, randomEmail, useDirectoryStack } from '../support/directoryStack.js';

// Defects 5, 6 and 7 (portal part) of the hostile probe: the portal's password checks.
const s = useDirectoryStack({ noWorker: true });

const signIn = (email: string, password: string) =>
  request(s.app).post('/portal/api/offices').send({ email, password });

async function timed(email: string) {
  const started = performance.now();
  const res = await signIn(email, 'wrong-password-here');
  expect(res.status).toBe(401);
  return performance.now() - started;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('portal sign-in', () => {
  it('counts a burst of parallel wrong passwords one by one: three are checked, the rest wait', async () => {
    const email = randomEmail('burst');
    await existingAccount(s.db, email, 'the right password 1');
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => signIn(email, 'wrong')))).map((r) => r.status);
    expect(statuses.sort()).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
    const blocked = await signIn(email, 'the right password 1');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles an unknown e-mail exactly like a known one', async () => {
    for (const email of [randomEmail('ghost'), randomEmail('known')]) {
      if (email.startsWith('known')) await existingAccount(s.db, email, 'the right password 2');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await signIn(email, 'wrong')).status);
      expect(statuses, email).toEqual([401, 401, 401, 429]);
    }
  });

  it('takes as long for an unknown e-mail as for a known one (a password hash is checked either way)', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const email = randomEmail(`timing${i}`);
      await existingAccount(s.db, email, 'the right password 3');
      known.push(await timed(email));
      unknown.push(await timed(randomEmail(`nobody${i}`)));
    }
    // argon2 takes hundreds of milliseconds; skipping it answered in a few. Half is far from both.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

describe('new portal passwords', () => {
  it('knows common passwords, whatever their case', () => {
    for (const p of ['12345678', '1234567890', 'Password123', 'qwertyuiop']) expect(isCommonPassword(p), p).toBe(true);
    expect(isCommonPassword('correct horse battery staple 42')).toBe(false);
  });
});

describe('registering a portal password', () => {
  it('refuses short and common passwords before looking at the token', async () => {
    for (const [password, message] of [
      ['12345678', /at least 10 characters/],
      ['1234567890', /most common passwords/],
      ['Password123', /most common passwords/],
    ] as const) {
      const res = await request(s.app).post('/portal/api/register').send({ token: 'x.y', password });
      expect(res.status, password).toBe(400);
      expect(res.body.message).toMatch(message);
    }
  });
});
