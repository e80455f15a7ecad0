import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/audit/auditLog.js';
import { createOfficeWithCompany, randomEmail, useDirectoryStack } from '../support/directoryStack.js';
import { eventually } from '../support/stack.js';

const s = useDirectoryStack();

const auditRows = () => s.db('audit').orderBy('id').select('actor', 'action', 'target', 'reason', 'details');

describe('changes to the directory', () => {
  it('are each recorded in the audit chain with actor, target and reason, and no personal data', async () => {
    const { officeId, companyId } = await createOfficeWithCompany(s.app, 'Escritório Auditado');
    const email = randomEmail('auditada');
    const created = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: 'Auditada da Silva', email })
      .expect(201);
    await request(s.app)
      .put(`/api/clientUsers/${created.body.id}`)
      .send({ active: false, reason: 'left the company' })
      .expect(200);
    await request(s.app).post('/api/clientUsers').send({ companyId, name: 'x', email: 'not an e-mail' }).expect(400);

    const rows = await auditRows();
    expect(rows.map((r) => [r.action, r.target])).toEqual([
      ['offices.create', `offices:${officeId}`],
      ['companies.create', `companies:${companyId}`],
      ['clientUsers.create', `clientUsers:${created.body.id}`],
      ['clientUsers.update', `clientUsers:${created.body.id}`],
    ]);
    expect(rows.every((r) => r.actor === 'operator:local')).toBe(true);
    expect(rows[3]?.reason).toBe('left the company');
    expect(JSON.stringify(rows)).not.toContain(email);
    expect(JSON.stringify(rows)).not.toContain('Auditada da Silva');
    expect(await new AuditLog(s.db).verify()).toMatchObject({ ok: true, checked: 4 });
  });
});

describe('POST /api/outbox/:id/resend', () => {
  it('sends a copy of the message again, keeps the original row, and records why', async () => {
    const { companyId } = await createOfficeWithCompany(s.app, 'Escritório Reenvio');
    const email = randomEmail('reenvio');
    await request(s.app).post('/api/clientUsers').send({ companyId, name: 'Reenvio', email }).expect(201);
    await eventually(() => expect(s.smtp.to(email)).toHaveLength(1));
    // The worker marks the row sent just after the SMTP server accepts: read it once that is done.
    const original = await eventually(async () => {
      const [row] = await s.db('outbox').where({ to: email });
      expect(row?.status).toBe('sent');
      return row;
    });

    const missingReason = await request(s.app).post(`/api/outbox/${original.id}/resend`).send({});
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.message).toContain('reason');
    expect((await request(s.app).post('/api/outbox/no-such-message/resend').send({ reason: 'r' })).status).toBe(404);

    const resent = await request(s.app)
      .post(`/api/outbox/${original.id}/resend`)
      .send({ reason: 'the client lost it' })
      .expect(201);
    expect(resent.body).toMatchObject({ to: email, status: 'sent', resentFrom: original.id });
    await eventually(() => expect(s.smtp.to(email)).toHaveLength(2));
    expect(s.smtp.to(email)[1]?.subject).toBe(s.smtp.to(email)[0]?.subject);
    expect(await s.db('outbox').where({ to: email })).toHaveLength(2);
    expect((await s.db('outbox').where({ id: original.id }).first()).status).toBe(original.status);
    const audit = await s.db('audit').where({ action: 'outbox.resend' });
    expect(audit).toMatchObject([{ target: `outbox:${original.id}`, reason: 'the client lost it' }]);
  });
});
