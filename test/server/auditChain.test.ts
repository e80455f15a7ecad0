import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/audit/auditLog.js';
import { loginAs, type LoggedIn } from '../support/operators.js';
import { useStack } from '../support/stack.js';

const stack = useStack({ noWorker: true });
let auditor: LoggedIn;
const audit = () => new AuditLog(stack.db);

beforeAll(async () => {
  auditor = await loginAs(stack.app, stack.db, 'auditor');
  for (let i = 0; i < 5; i += 1)
    await audit().record({
      actor: 'system:test',
      action: 'test.entry',
      target: `thing:${i}`,
      reason: `entry ${i}`,
      details: { i, nested: { b: 1, a: [i] } },
    });
});

const verify = async () => {
  const res = await auditor.agent.get('/api/audit/verify');
  expect(res.status).toBe(200);
  return res.body as { ok: boolean; checked: number; firstBrokenId?: number; message: string };
};

// Each test restores what it broke, so they stay independent.
describe('audit chain verification', () => {
  it('chains each entry to the one before it', async () => {
    const rows = await stack.db('audit').orderBy('id');
    rows.forEach((row: { prevHash: string; hash: string }, i: number) => {
      expect(row.prevHash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1].hash);
    });
    expect(await verify()).toMatchObject({ ok: true, checked: rows.length });
  });

  it('finds an entry whose reason was changed directly in the database', async () => {
    const target = await stack.db('audit').where({ target: 'thing:2' }).first();
    await stack.db('audit').where({ id: target.id }).update({ reason: 'nothing to see' });
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBrokenId: target.id });
    expect(result.message).toContain(`Entry ${target.id} was changed`);
    expect(result.checked).toBe((await stack.db('audit')).length); // it walks on past a break
    await stack.db('audit').where({ id: target.id }).update({ reason: target.reason });
    expect((await verify()).ok).toBe(true);
  });

  it('finds details rewritten with the same meaning but other values', async () => {
    const target = await stack.db('audit').where({ target: 'thing:3' }).first();
    await stack
      .db('audit')
      .where({ id: target.id })
      .update({ details: JSON.stringify({ i: 30, nested: { a: [3], b: 1 } }) });
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: target.id });
    // Same values in another key order still verify: the hash is over canonical JSON.
    await stack
      .db('audit')
      .where({ id: target.id })
      .update({ details: JSON.stringify({ nested: { a: [3], b: 1 }, i: 3 }) });
    expect((await verify()).ok).toBe(true);
  });

  it('finds a deleted entry, and a rehashed entry whose successor no longer points to it', async () => {
    const victim = await stack.db('audit').where({ target: 'thing:1' }).first();
    await stack.db('audit').where({ id: victim.id }).delete();
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: victim.id + 1 });
    await stack.db('audit').insert(victim);
    expect((await verify()).ok).toBe(true);

    const forged = await stack.db('audit').where({ target: 'thing:4' }).first();
    await stack
      .db('audit')
      .where({ id: forged.id })
      .update({ hash: 'f'.repeat(64) });
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: forged.id });
  });
});
