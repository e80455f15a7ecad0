import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { randomCnpj, randomEmail, useDirectoryStack } from '../support/directoryStack.js';

const s = useDirectoryStack();

const newOffice = async (name: string, linkedEmails: string[] = []) =>
  (await request(s.app).post('/api/offices').send({ name, cnpj: randomCnpj(), linkedEmails }).expect(201)).body as {
    id: string;
    linkedEmails: string[];
  };

describe("an office's linked e-mails", () => {
  it('are added and removed through the API, each change audited without the address', async () => {
    const first = randomEmail('contato');
    const office = await newOffice('Escritório Vinculado', [first]);
    expect(office.linkedEmails).toEqual([first]);
    const second = randomEmail('Fiscal').toUpperCase();

    const added = await request(s.app)
      .post(`/api/offices/${office.id}/linkedEmails`)
      .send({ email: second, reason: 'the tax desk' })
      .expect(201);
    expect(added.body.linkedEmails.map((r: { email: string }) => r.email).sort()).toEqual(
      [first, second.toLowerCase()].sort(),
    );
    const again = await request(s.app).post(`/api/offices/${office.id}/linkedEmails`).send({ email: second });
    expect(again.status).toBe(200);
    expect(again.body.added).toBe(false);
    expect((await request(s.app).get(`/api/offices/${office.id}`)).body.linkedEmails.sort()).toEqual(
      [first, second.toLowerCase()].sort(),
    );

    await request(s.app)
      .delete(`/api/offices/${office.id}/linkedEmails/${encodeURIComponent(first)}`)
      .expect(200);
    const listed = await request(s.app).get(`/api/offices/${office.id}/linkedEmails`).expect(200);
    expect(listed.body.map((r: { email: string }) => r.email)).toEqual([second.toLowerCase()]);
    expect((await request(s.app).get('/api/offices').query({ q: second.toLowerCase() })).body).toHaveLength(1);

    const audit = await s.db('audit').where('action', 'like', 'offices.linked-email.%').orderBy('id');
    expect(audit.map((r) => [r.action, r.target, r.reason])).toEqual([
      ['offices.linked-email.add', `offices:${office.id}`, 'the tax desk'],
      ['offices.linked-email.add', `offices:${office.id}`, null],
      ['offices.linked-email.remove', `offices:${office.id}`, null],
    ]);
    expect(JSON.stringify(audit)).not.toContain(first);
  });

  it('are unique across offices: a 409 names the office that has it, and nothing changes', async () => {
    const shared = randomEmail('disputado');
    const holder = await newOffice('Escritório Dono', [shared]);
    const other = await newOffice('Escritório Outro');
    const auditBefore = await s.db('audit').count({ n: '*' }).first();

    const taken = await request(s.app).post(`/api/offices/${other.id}/linkedEmails`).send({ email: shared });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'linked_email_taken' });
    expect(taken.body.message).toContain('Escritório Dono');
    const onCreate = await request(s.app)
      .post('/api/offices')
      .send({ name: 'Escritório Novo', cnpj: randomCnpj(), linkedEmails: [shared] });
    expect(onCreate.status).toBe(409);
    expect(onCreate.body.message).toContain('Escritório Dono');
    const onUpdate = await request(s.app)
      .put(`/api/offices/${other.id}`)
      .send({ linkedEmails: [shared] });
    expect(onUpdate.status).toBe(409);

    expect(await s.db('officeLinkedEmails').where({ email: shared })).toMatchObject([{ officeId: holder.id }]);
    expect((await request(s.app).get(`/api/offices/${other.id}`)).body.linkedEmails).toEqual([]);
    expect(await s.db('offices').where({ name: 'Escritório Novo' })).toHaveLength(0);
    expect(await s.db('audit').count({ n: '*' }).first()).toEqual(auditBefore);
  });

  it('refuses malformed addresses, unknown offices and addresses not listed, with a message', async () => {
    const office = await newOffice('Escritório Erros');
    const bad = await request(s.app).post(`/api/offices/${office.id}/linkedEmails`).send({ email: 'not an e-mail' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('email');
    const unknown = await request(s.app)
      .post('/api/offices/nope/linkedEmails')
      .send({ email: randomEmail('x') });
    expect(unknown.status).toBe(404);
    const notListed = await request(s.app).delete(
      `/api/offices/${office.id}/linkedEmails/${encodeURIComponent(randomEmail('y'))}`,
    );
    expect(notListed.status).toBe(404);
    expect(notListed.body.error).toBe('linked_email_not_listed');
    expect(await s.db('officeLinkedEmails').where({ officeId: office.id })).toHaveLength(0);
  });
});
