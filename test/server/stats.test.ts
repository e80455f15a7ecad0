import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type LoggedIn } from '../support/operators.js';
import { useStack, uniqueId } from '../support/stack.js';

// No worker: the projection holds exactly the rows this test writes.
const stack = useStack({ noWorker: true });
let auditor: LoggedIn;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function instance(o: {
  machine: string;
  state: string;
  status?: string;
  stuck?: boolean;
  nextTimerAt?: string;
  lastError?: string;
}) {
  const now = iso(Date.now());
  return {
    id: uniqueId(o.machine),
    machine: o.machine,
    machineVersion: 1,
    state: o.state,
    status: o.status ?? 'running',
    startedAt: now,
    updatedAt: now,
    stuck: o.stuck ?? false,
    nextTimerAt: o.nextTimerAt ?? null,
    lastError: o.lastError ?? null,
  };
}

beforeAll(async () => {
  auditor = await loginAs(stack.app, stack.db, 'auditor');
  const now = Date.now();
  await stack.db('instances').insert([
    instance({ machine: 'alpha', state: 'waiting', nextTimerAt: iso(now + HOUR) }),
    instance({ machine: 'alpha', state: 'waiting', stuck: true, nextTimerAt: iso(now + 30 * HOUR) }),
    instance({ machine: 'alpha', state: 'done', status: 'completed', lastError: 'old failure' }),
    instance({
      machine: 'beta',
      state: 'checking.remote',
      lastError: 'connection refused',
      nextTimerAt: iso(now + 23 * HOUR),
    }),
    instance({
      machine: 'beta',
      state: 'checking.remote',
      stuck: true,
      status: 'failed',
      nextTimerAt: iso(now + HOUR),
    }),
  ]);
  const at = [now - 10 * 60_000, now - 10 * 60_000 + 1, now - 5 * HOUR, now - 30 * HOUR];
  await stack
    .db('transitions')
    .insert(
      at.map((t, seq) => ({ instanceId: 'x', seq, from: 'a', to: 'b', event: 'E', actor: 'system', at: iso(t) })),
    );
});
// Two companies, one of which cannot invoice (its certificate expired).
async function companies() {
  const office = uniqueId('office');
  const at = iso(Date.now());
  await stack.db('offices').insert({ id: office, name: 'Contábil Stats', cnpj: '11222333000181', createdAt: at });
  await stack.db('companies').insert([
    {
      id: uniqueId('co'),
      officeId: office,
      name: 'Bloqueada',
      cnpj: '11444777000161',
      invoicingBlocked: true,
      createdAt: at,
    },
    {
      id: uniqueId('co'),
      officeId: office,
      name: 'Em dia',
      cnpj: '19131243000197',
      invoicingBlocked: false,
      createdAt: at,
    },
  ]);
}
beforeAll(companies);

describe('GET /api/stats', () => {
  it('counts by machine and state, stuck, timers due, failing activities and transitions per hour', async () => {
    const res = await auditor.agent.get('/api/stats');
    expect(res.status).toBe(200);
    expect(res.body.byMachineState).toEqual([
      { machine: 'alpha', state: 'done', count: 1 },
      { machine: 'alpha', state: 'waiting', count: 2 },
      { machine: 'beta', state: 'checking.remote', count: 2 },
    ]);
    expect(res.body.stuck).toBe(1); // the failed one is no longer running
    expect(res.body.timersDue24h).toBe(2);
    expect(res.body.failingActivities).toBe(1);
    expect(res.body.invoicingBlocked).toBe(1);
    const hours = res.body.transitionsPerHour as Array<{ hour: string; count: number }>;
    expect(hours).toHaveLength(24);
    expect(hours.every((h) => /^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z$/.test(h.hour))).toBe(true);
    const hourOf = (ms: number) => `${iso(ms).slice(0, 13)}:00:00.000Z`;
    const countAt = (ms: number) => hours.find((h) => h.hour === hourOf(ms))?.count;
    const now = Date.now();
    expect(countAt(now - 10 * 60_000)).toBe(hourOf(now - 10 * 60_000) === hourOf(now - 10 * 60_000 + 1) ? 2 : 1);
    expect(countAt(now - 5 * HOUR)).toBe(1);
    expect(hours.reduce((sum, h) => sum + h.count, 0)).toBe(3);
    expect(hours.at(-1)?.hour).toBe(hourOf(now));
  });
});
