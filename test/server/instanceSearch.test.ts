import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOfficeWithCompany, randomCpf, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();
const people: Array<{ instanceId: string; email: string; cpf: string; officeCnpj: string; companyCnpj: string }> = [];

const formatCnpj = (d: string) => `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
const formatCpf = (d: string) => `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;

beforeAll(async () => {
  for (const name of ['Ana', 'Bruno']) {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, `Escritório ${name}`);
    const email = randomEmail(name.toLowerCase());
    const cpf = randomCpf();
    const created = await request(s.app).post('/api/clientUsers').send({ companyId, name, email, cpf }).expect(201);
    const office = await request(s.app).get(`/api/offices/${officeId}`).expect(200);
    const company = await request(s.app).get(`/api/companies/${companyId}`).expect(200);
    people.push({
      instanceId: created.body.instanceId,
      email,
      cpf,
      officeCnpj: office.body.cnpj,
      companyCnpj: company.body.cnpj,
    });
  }
  await eventually(async () => expect((await request(s.app).get('/api/instances')).body).toHaveLength(2));
});

const search = async (q: string) =>
  (
    (
      await request(s.app)
        .get('/api/instances')
        .query({ filter: JSON.stringify({ q }) })
        .expect(200)
    ).body as Array<{ id: string }>
  ).map((r) => r.id);

describe('searching processes with q', () => {
  it('finds a process by the e-mail of its person, in any case', async () => {
    expect(await search(people[0]!.email.toUpperCase())).toEqual([people[0]!.instanceId]);
  });

  it('finds processes by CNPJ of the office or the company, typed with or without punctuation', async () => {
    const [ana, bruno] = people;
    expect(await search(formatCnpj(ana!.officeCnpj))).toEqual([ana!.instanceId]);
    expect(await search(bruno!.companyCnpj)).toEqual([bruno!.instanceId]);
  });

  it('finds a process by the CPF of its person', async () => {
    expect(await search(formatCpf(people[1]!.cpf))).toEqual([people[1]!.instanceId]);
  });

  it('finds a process by a part of an e-mail or of a CPF, as a substring', async () => {
    const [ana, bruno] = people;
    expect(await search(ana!.email.split('@')[0]!)).toEqual([ana!.instanceId]);
    expect(await search(bruno!.cpf.slice(2, 10))).toEqual([bruno!.instanceId]);
  });

  it('finds nothing for what matches nobody, and still searches the instance id', async () => {
    expect(await search('nobody-at-all@nowhere.test')).toEqual([]);
    expect(await search(people[0]!.instanceId.slice(-12))).toEqual([people[0]!.instanceId]);
  });
});
