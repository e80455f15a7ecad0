import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOfficeWithCompany, randomCpf, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();
let instanceId: string;
let clientUserId: string;
let officeId: string;
const email = randomEmail('maria');

const search = async (q: string) =>
  (
    (
      await request(s.app)
        .get('/api/instances')
        .query({ filter: JSON.stringify({ q }) })
        .expect(200)
    ).body as Array<{ id: string }>
  ).map((r) => r.id);

beforeAll(async () => {
  const souza = await createOfficeWithCompany(s.app, 'Escritório Souza');
  officeId = souza.officeId;
  const created = await request(s.app)
    .post('/api/clientUsers')
    .send({ companyId: souza.companyId, name: 'Maria Souza', email, cpf: randomCpf() })
    .expect(201);
  // Someone else, so a search that matched everything would show.
  const other = await createOfficeWithCompany(s.app, 'Escritório Outro');
  await request(s.app)
    .post('/api/clientUsers')
    .send({ companyId: other.companyId, name: 'Joana Lima', email: randomEmail('joana'), cpf: randomCpf() })
    .expect(201);
  instanceId = created.body.instanceId;
  clientUserId = created.body.id;
  await eventually(async () => expect((await request(s.app).get('/api/instances')).body).toHaveLength(2));
});

describe("a process's label: the names people know it by, from the directory", () => {
  it('is written when the process starts: the person, the e-mail and the office', async () => {
    const row = (await request(s.app).get(`/api/instances/${instanceId}`).expect(200)).body;
    expect(row).toMatchObject({
      label: `Maria Souza <${email}>`,
      entityName: 'Maria Souza',
      entityEmail: email,
      officeName: 'Escritório Souza',
    });
    const listed = (await request(s.app).get('/api/instances').expect(200)).body as Array<Record<string, unknown>>;
    expect(listed.find((r) => r.id === instanceId)).toMatchObject({ label: `Maria Souza <${email}>` });
  });

  it("is refreshed when the directory changes the person's name or the office's", async () => {
    await request(s.app)
      .put(`/api/clientUsers/${clientUserId}`)
      .send({ name: 'Maria Souza Lima', reason: 'married name' })
      .expect(200);
    await request(s.app).put(`/api/offices/${officeId}`).send({ name: 'Souza Contabilidade' }).expect(200);
    const row = (await request(s.app).get(`/api/instances/${instanceId}`).expect(200)).body;
    expect(row).toMatchObject({
      label: `Maria Souza Lima <${email}>`,
      entityName: 'Maria Souza Lima',
      officeName: 'Souza Contabilidade',
    });
    // The name lives in the back office only: Temporal's history of the process never had it.
    const history = JSON.stringify((await request(s.app).get(`/api/instances/${instanceId}/history`)).body);
    expect(history).not.toContain('Maria Souza');
  });

  it('is what q searches, as well as the e-mail and the office name, in any case', async () => {
    expect(await search('souza lima')).toEqual([instanceId]);
    expect(await search('joana')).toHaveLength(1);
    expect(await search('MARIA SOUZA')).toEqual([instanceId]);
    expect(await search('souza contabilidade')).toEqual([instanceId]);
    expect(await search(email)).toEqual([instanceId]);
    expect(await search('Nobody Called This')).toEqual([]);
  });
});
