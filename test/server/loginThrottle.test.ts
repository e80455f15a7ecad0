import crypto from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { makeOperator } from '../support/operators.js';
import { useStack } from '../support/stack.js';

const stack = useStack({ now: () => clock, trustProxy: true });
let clock = Date.now();

const login = (email: string, password: string, ip = '10.0.0.1') =>
  request(stack.app).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });

describe('log-in rate limit', () => {
  it('makes each failure after the third wait twice as long, even for the right password', async () => {
    const { operator, password } = await makeOperator(stack.db, 'admin');
    const ip = `10.1.${crypto.randomInt(255)}.${crypto.randomInt(255)}`;
    for (let i = 0; i < 3; i += 1) expect((await login(operator.email, 'wrong', ip)).status).toBe(401);
    expect((await login(operator.email, 'wrong', ip)).status).toBe(401); // 4th failure: wait 1 s
    const waits: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const blocked = await login(operator.email, password, ip);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toBe('too_many_attempts');
      expect(blocked.body.message).toMatch(/Try again in \d+ seconds? \(after \d\d:\d\d:\d\d UTC\)/);
      const wait = Number(blocked.headers['retry-after']);
      waits.push(wait);
      clock += wait * 1000;
      expect((await login(operator.email, 'wrong', ip)).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4]);
    clock += 8000;
    const ok = await login(operator.email, password, ip);
    expect(ok.status).toBe(200);
    // Success clears the e-mail's count: one more failure is free again.
    expect((await login(operator.email, 'wrong', ip)).status).toBe(401);
    expect((await login(operator.email, password, ip)).status).toBe(200);
  });

  it('counts a burst of parallel guesses one by one, so the burst cannot outrun the throttle', async () => {
    const { operator } = await makeOperator(stack.db, 'operator');
    const ip = '10.3.0.9';
    const statuses = (await Promise.all(Array.from({ length: 8 }, () => login(operator.email, 'wrong', ip)))).map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
  });

  it('slows down one address trying many e-mails', async () => {
    const { operator, password } = await makeOperator(stack.db, 'auditor');
    const ip = '10.2.0.7';
    for (let i = 0; i < 11; i += 1) expect((await login(`guess${i}@test.local`, 'wrong', ip)).status).toBe(401);
    const blocked = await login(operator.email, password, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toContain('your network address');
    expect((await login(operator.email, password, '10.2.0.8')).status).toBe(200);
  });

  it('records failures and throttled attempts in the audit log', async () => {
    const rows = await stack.db('audit').where({ action: 'auth.login.failed' });
    const outcomes = new Set(
      rows.map((r: { details: string }) => (JSON.parse(r.details) as { outcome: string }).outcome),
    );
    expect(outcomes).toEqual(new Set(['wrong_password', 'unknown_email', 'throttled']));
  });
});
