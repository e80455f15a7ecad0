import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOfficeWithCompany, randomCpf, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();
const PEOPLE = 7;
const sort = JSON.stringify(['updatedAt', 'DESC']);

beforeAll(async () => {
  const { companyId } = await createOfficeWithCompany(s.app, 'Escritório Listas');
  for (let i = 0; i < PEOPLE; i += 1) {
    await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: `Pessoa ${i}`, email: randomEmail(`lista${i}`), cpf: randomCpf() })
      .expect(201);
  }
  // The processes settle waiting for their registration; their order by updatedAt then holds still.
  await eventually(async () => {
    const rows = (await request(s.app).get('/api/instances').query({ range: '[0,99]' })).body as Array<{
      state: string;
    }>;
    expect(rows.filter((r) => r.state === 'awaitingRegistration')).toHaveLength(PEOPLE);
  }, 30_000);
});

const page = (query: Record<string, string>) => request(s.app).get('/api/instances').query(query).expect(200);
const ids = (res: { body: Array<{ id: string }> }) => res.body.map((r) => r.id);

describe('paging the instance list', () => {
  it('gives the same rows by offset, by cursor and from the far end', async () => {
    const whole = ids(await page({ sort, range: '[0,99]' }));
    expect(whole).toHaveLength(PEOPLE);

    const byCursor: string[] = [];
    let cursor: string | undefined;
    for (let first = 0; first < PEOPLE; first += 2) {
      const res = await page({ sort, range: JSON.stringify([first, first + 1]), ...(cursor ? { cursor } : {}) });
      byCursor.push(...ids(res));
      expect(res.headers['content-range']).toBe(`instances ${first}-${first + res.body.length - 1}/${PEOPLE}`);
      cursor = res.headers['x-next-cursor'];
      expect(cursor).toBeTruthy();
    }
    expect(byCursor).toEqual(whole);

    // Past the middle the page is read backwards from the end; it must be the same page.
    const last = await page({ sort, range: '[5,6]' });
    expect(ids(last)).toEqual(whole.slice(5, 7));
    expect(last.headers['content-range']).toBe(`instances 5-6/${PEOPLE}`);
    const overhanging = await page({ sort, range: '[4,9]' });
    expect(ids(overhanging)).toEqual(whole.slice(4));
    expect(overhanging.headers['content-range']).toBe(`instances 4-6/${PEOPLE}`);
    expect((await page({ sort, range: '[7,9]' })).body).toEqual([]);
  });

  it('refuses a cursor it did not give, or one for a sort it cannot follow, and says why', async () => {
    const forged = await request(s.app).get('/api/instances').query({ sort, cursor: 'not-a-cursor' }).expect(400);
    expect(forged.body.message).toContain('X-Next-Cursor');
    const cursor = (await page({ sort, range: '[0,1]' })).headers['x-next-cursor'] as string;
    const bySort = await request(s.app)
      .get('/api/instances')
      .query({ sort: JSON.stringify(['label', 'ASC']), cursor })
      .expect(400);
    expect(bySort.body.message).toContain('updatedAt');
  });
});

describe('counts kept by the database', () => {
  const countedTotal = async (filter: Record<string, unknown>) =>
    Number(String((await page({ filter: JSON.stringify(filter) })).headers['content-range']).split('/')[1]);

  it('agree with the rows after processes move, get stuck, end and are removed', async () => {
    const [first, second] = ids(await page({ sort, range: '[0,1]' }));
    await s.db('instances').where({ id: first }).update({ stuck: true });
    await s.db('instances').where({ id: second }).update({ state: 'registered', status: 'completed' });
    await s
      .db('instances')
      .where({ id: ids(await page({ sort, range: '[6,6]' }))[0] })
      .delete();

    const rows = (await s.db('instances').select('machine', 'state', 'status', 'stuck')) as Array<{
      machine: string;
      state: string;
      status: string;
      stuck: boolean | number;
    }>;
    const byState = new Map<string, number>();
    for (const r of rows) byState.set(`${r.machine}/${r.state}`, (byState.get(`${r.machine}/${r.state}`) ?? 0) + 1);
    const stats = (await request(s.app).get('/api/stats').expect(200)).body as {
      byMachineState: Array<{ machine: string; state: string; count: number }>;
      stuck: number;
    };
    expect(new Map(stats.byMachineState.map((e) => [`${e.machine}/${e.state}`, e.count]))).toEqual(byState);
    expect(stats.stuck).toBe(rows.filter((r) => r.status === 'running' && Boolean(r.stuck)).length);

    expect(await countedTotal({})).toBe(rows.length);
    expect(await countedTotal({ machine: 'clientUserOnboarding', stuck: true })).toBe(1);
    expect(await countedTotal({ status: 'running', state: 'awaiting' })).toBe(
      rows.filter((r) => r.status === 'running' && r.state.startsWith('awaiting')).length,
    );

    // A state filter matches the states that begin with it (a parent and its children), in order.
    const byPrefix = await page({ sort, range: '[0,99]', filter: JSON.stringify({ state: 'awaitingReg' }) });
    const expected = (await s
      .db('instances')
      .where('state', 'like', 'awaitingReg%')
      .orderBy('updatedAt', 'desc')
      .orderBy('id', 'asc')
      .select('id')) as Array<{ id: string }>;
    expect(ids(byPrefix)).toEqual(expected.map((r) => r.id));
    expect(expected.length).toBeGreaterThan(0);
    expect((await page({ filter: JSON.stringify({ state: 'noSuchState' }) })).body).toEqual([]);
  });
});
