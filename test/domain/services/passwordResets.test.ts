import { describe, expect, it } from 'vitest';
import { registeredIdentity, registerIdentity } from '../../../domain/directory/identities.js';
import { hashPassword, verifyPassword } from '../../../domain/directory/passwords.js';
import { outboxService } from '../../../domain/services/outbox.js';
import { passwordResetService } from '../../../domain/services/passwordResets.js';
import { testMail } from '../../support/memory/directory.js';
import { eventually } from '../../support/eventually.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomEmail } from '../../support/randomIds.js';

const d = useMemoryDeps();
const resets = () => passwordResetService({ ...d, mail: testMail, ttlMs: 3_600_000, log: () => {} });
const mailsTo = (to: string) => d.db('outbox').where({ to }).orderBy('createdAt').select('id', 'template', 'text');
const tokenIn = (text: string) => decodeURIComponent(/reset\?token=([^\s"<]+)/.exec(text)![1]!);

describe('password resets', () => {
  it('mail a single-use link to a known address, which sets the new password once', async () => {
    const email = randomEmail('ana');
    const identity = await registerIdentity(d.db, email, 'the old password 1');
    await resets().request(email, 'pt-BR');
    const [mail] = await eventually(async () => {
      const rows = await mailsTo(email);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(mail!.template).toBe('passwordReset');
    const token = tokenIn(mail!.text);
    expect(await resets().check(token)).toHaveProperty('expiresAt');

    expect(await resets().complete(token, await hashPassword('the new password 2'))).toEqual({
      identityId: identity.id,
      woken: 0,
    });
    const after = await registeredIdentity(d.db, email);
    expect(await verifyPassword(after?.passwordHash, 'the new password 2')).toBe(true);
    await expect(resets().complete(token, 'another hash')).rejects.toMatchObject({ code: 'token_gone' });
    expect(d.audit.of('portal.password-reset')).toEqual([
      expect.objectContaining({ target: `identities:${identity.id}`, details: { woken: [] } }),
    ]);
  });

  it('answer an unknown address the same, and mail it nothing', async () => {
    const unknown = randomEmail('nobody');
    const known = randomEmail('ana');
    await registerIdentity(d.db, known, 'the old password 1');
    await expect(resets().request(unknown, 'en')).resolves.toBeUndefined();
    await expect(resets().request(known, 'en')).resolves.toBeUndefined();
    // The known address's mail, asked for after, is there: the unknown one would be by now.
    await eventually(async () => expect(await mailsTo(known)).toHaveLength(1));
    expect(await mailsTo(unknown)).toEqual([]);
    expect(d.audit.entries.map((e) => e.action)).toEqual(['portal.password-reset.request']);
  });

  it('refuse a link that was altered', async () => {
    await expect(resets().check('abc.def')).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(resets().complete('no-dot', 'hash')).rejects.toMatchObject({ code: 'invalid_token' });
  });
});

describe('the outbox', () => {
  it('sends a message again as a copy, audited with the reason; the original stays as it was', async () => {
    const email = randomEmail('bia');
    await registerIdentity(d.db, email, 'the old password 1');
    await resets().request(email, 'en');
    const [original] = await eventually(async () => {
      const rows = await mailsTo(email);
      expect(rows).toHaveLength(1);
      return rows;
    });
    const outbox = outboxService({ ...d, mail: testMail });
    const copy = await outbox.resend(original!.id, 'did not arrive', 'operator:o1');
    expect(copy).toMatchObject({ to: email, template: 'passwordReset', status: 'captured', text: original!.text });
    expect(copy.id).not.toBe(original!.id);
    expect((await mailsTo(email)).map((m) => m.id)).toEqual([original!.id, copy.id]);
    expect(d.audit.of('outbox.resend')).toEqual([
      expect.objectContaining({
        target: `outbox:${original!.id}`,
        reason: 'did not arrive',
        details: { copy: copy.id },
      }),
    ]);
    await expect(outbox.resend('nothing', 'again', 'operator:o1')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
