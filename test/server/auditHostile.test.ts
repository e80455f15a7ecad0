import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/audit/auditLog.js';
import { FAILED_LOGINS_PER_WINDOW } from '../../server/auth/failedLoginAudit.js';
import { loginAs, type LoggedIn } from '../support/operators.js';
import { useStack } from '../support/stack.js';

// Defect 1 of the hostile probe: anonymous requests must not be able to break the audit chain,
// nor fill it; and verification must report every broken link, not stop at the first.
const stack = useStack({ noWorker: true, now: () => clock, trustProxy: true });
let auditor: LoggedIn;
let clock = Date.now();
beforeAll(async () => {
  auditor = await loginAs(stack.app, stack.db, 'auditor');
});

const verify = async () => {
  const res = await auditor.agent.get('/api/audit/verify');
  expect(res.status).toBe(200);
  return res.body as { ok: boolean; brokenIds?: number[]; firstBrokenId?: number; message: string };
};
const failedRows = async () =>
  (await stack.db('audit').whereIn('action', ['auth.login.failed', 'auth.login.failed.suppressed'])) as Array<{
    action: string;
    details: string;
  }>;

describe('the audit chain under hostile input', () => {
  it('stays intact after a log-in with a lone surrogate in the e-mail', async () => {
    for (const email of ['\\ud800', 'a\\udfff@x.test', '\\ud83d']) {
      const res = await request(stack.app)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .set('X-Forwarded-For', '10.9.0.1')
        .send(`{"email":"${email}","password":"x"}`);
      expect(res.status).toBe(401);
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('reports every broken link, not only the first', async () => {
    const log = new AuditLog(stack.db);
    const ids: number[] = [];
    for (let i = 0; i < 4; i += 1) ids.push((await log.record({ actor: 'system:test', action: 'test.entry' })).id);
    await stack.db('audit').where({ id: ids[0] }).update({ reason: 'edited' });
    await stack.db('audit').where({ id: ids[2] }).update({ reason: 'edited too' });
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBrokenId: ids[0], brokenIds: [ids[0], ids[2]] });
    expect(result.message).toContain(`Entry ${ids[2]}`);
    await stack.db('audit').whereIn('id', [ids[0]!, ids[2]!]).update({ reason: null });
    expect((await verify()).ok).toBe(true);
  });

  it('writes a bounded number of rows for a flood of anonymous failed log-ins, and says how many it left out', async () => {
    clock += 120_000;
    const before = (await failedRows()).length;
    const flood = FAILED_LOGINS_PER_WINDOW + 5;
    for (let i = 0; i < flood; i += 1) {
      const res = await request(stack.app)
        .post('/api/auth/login')
        .set('X-Forwarded-For', `10.8.${Math.floor(i / 200)}.${i % 200}`)
        .send({ email: `nobody${i}@x.test`, password: 'x' });
      expect(res.status).toBe(401);
    }
    expect((await failedRows()).length - before).toBe(FAILED_LOGINS_PER_WINDOW);
    clock += 120_000; // the next window: the first failure there first writes the summary of the last
    await request(stack.app).post('/api/auth/login').send({ email: 'late@x.test', password: 'x' }).expect(401);
    const rows = (await failedRows()).slice(before);
    const summary = rows.find((r) => r.action === 'auth.login.failed.suppressed');
    expect(JSON.parse(summary!.details)).toMatchObject({ count: flood - FAILED_LOGINS_PER_WINDOW });
    expect(rows).toHaveLength(FAILED_LOGINS_PER_WINDOW + 2);
    expect(await verify()).toMatchObject({ ok: true });
  });
});
