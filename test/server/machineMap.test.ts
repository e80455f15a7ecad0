import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOfficeWithCompany, randomCpf, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();
const ids: string[] = [];

beforeAll(async () => {
  const { companyId } = await createOfficeWithCompany(s.app, 'Escritório Mapa');
  for (const name of ['Ana', 'Bia', 'Caio']) {
    const created = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name, email: randomEmail(name.toLowerCase()), cpf: randomCpf() })
      .expect(201);
    ids.push(created.body.instanceId);
  }
  await eventually(async () => expect((await request(s.app).get('/api/instances')).body).toHaveLength(3));
});

describe('GET /api/machines/:id/map: where the running processes of a machine stand', () => {
  it('counts running and stuck processes per state, as the projection has them', async () => {
    // The processes keep moving (checking the e-mail, sending the mail) while the map is read, so
    // the map and the rows it is compared with are read again until both saw the same moment.
    await eventually(async () => {
      await s.db('instances').where({ id: ids[0] }).update({ stuck: true });
      const map = (await request(s.app).get('/api/machines/clientUserOnboarding/map').expect(200)).body;
      const rows = (await s.db('instances').where({ machine: 'clientUserOnboarding', status: 'running' })) as Array<{
        state: string;
        stuck: number | boolean;
      }>;
      const expected = new Map<string, { running: number; stuck: number }>();
      for (const row of rows)
        for (const state of row.state.split('|')) {
          const e = expected.get(state) ?? { running: 0, stuck: 0 };
          e.running += 1;
          e.stuck += row.stuck ? 1 : 0;
          expected.set(state, e);
        }
      expect(map.machine).toBe('clientUserOnboarding');
      expect(map.running).toBe(3);
      expect(map.stuck).toBe(1);
      expect(Object.fromEntries(map.states.map((e: { state: string }) => [e.state, e]))).toEqual(
        Object.fromEntries([...expected].map(([state, e]) => [state, { state, ...e }])),
      );
    });
  });

  it('answers an unknown machine with 404 and a message naming it', async () => {
    const res = await request(s.app).get('/api/machines/noSuchMachine/map').expect(404);
    expect(res.body).toMatchObject({ error: 'unknown_machine' });
    expect(res.body.message).toContain('noSuchMachine');
  });

  it('counts nothing for a machine no process runs', async () => {
    const map = (await request(s.app).get('/api/machines/planChange/map').expect(200)).body;
    expect(map).toMatchObject({ machine: 'planChange', states: [], running: 0, stuck: 0 });
  });
});
