import crypto from 'node:crypto';
import type { HiringInput } from '../../machines/clientHiring.schema.js';
import { workflowIdFor } from '../ports.js';
import { hiringIdOf, hiringLink } from '../accounts/hiringTokens.js';
import { planOf } from '../accounts/plans.js';
import { AlreadyRegisteredError, registeredIdentity, registerIdentityHashed } from '../directory/identities.js';
import { hashPassword } from '../directory/passwords.js';
import { conflict, DomainError, invalid, notFound } from '../errors.js';
import type { MailSettings } from '../mail/outbox.js';
import { deliverQueued, nowIso } from '../processes.js';
import { enqueueEvent } from '../events/queue.js';
import { createOnce, type UnitDeps } from '../unitOfWork.js';
import type { ContractService } from './contracts.js';

export interface HiringFields {
  officeId: string;
  planId: string;
  payer: 'office' | 'client';
  email: string;
  locale: string;
}

export interface SignUpFields {
  token: string;
  companyName: string;
  cnpj: string;
  contactName: string;
  adminEmail: string;
  password: string;
}

export interface HiringRow extends HiringFields {
  id: string;
  status: 'sent' | 'signedUp' | 'expired' | 'cancelled';
  companyId: string | null;
  instanceId: string;
}

export interface HiringDeps extends UnitDeps {
  timing: HiringInput['timing'];
  tokenSecret: string;
  mail: MailSettings;
  contracts: ContractService;
}

const forged = () => invalid('invalid_link', 'This link is not valid: it was altered or cut.');

const goneBecause: Record<Exclude<HiringRow['status'], 'sent'>, [string, string]> = {
  signedUp: ['link_used', 'This link was already used: it works once, for one company.'],
  expired: ['link_expired', 'This link has expired. Ask your accounting office for a new one.'],
  cancelled: ['link_cancelled', 'This link was cancelled by your accounting office.'],
};

/** Hiring links: the office sends one, the client signs its company up with it, once. */
export function hiringService(deps: HiringDeps) {
  const { db, instances } = deps;
  const link = (id: string) => hiringLink(deps.mail.publicUrl, deps.tokenSecret, id);

  async function load(id: string): Promise<HiringRow> {
    const row = (await db('hiringLinks').where({ id }).first()) as HiringRow | undefined;
    if (!row) throw notFound('Hiring link', id);
    return row;
  }

  /** The link a token stands for, if it still works; otherwise why not (400 forged, 410 gone). */
  async function usable(token: string): Promise<HiringRow> {
    const id = hiringIdOf(deps.tokenSecret, token);
    const row = id ? ((await db('hiringLinks').where({ id }).first()) as HiringRow | undefined) : undefined;
    if (!row) throw forged();
    if (row.status !== 'sent') {
      const [code, message] = goneBecause[row.status];
      throw new DomainError('gone', code, message);
    }
    return row;
  }

  return {
    load,
    link,
    usable,

    /** Saves the link and starts its process, which mails it; the answer carries the link too. */
    async send(fields: HiringFields, actor: string, idempotencyKey?: string) {
      if (!deps.tokenSecret)
        throw new DomainError(
          'unavailable',
          'not_configured',
          'Hiring links cannot be signed: TOKEN_SECRET is missing.',
        );
      planOf(fields.planId);
      const result = await createOnce(
        deps,
        { actor, route: 'hiringLinks.create', idempotencyKey, body: fields },
        {
          table: 'hiringLinks',
          sameAs: async () => undefined, // every send is a new link, unless an Idempotency-Key says otherwise
          async insert(trx) {
            if (!(await trx('offices').where({ id: fields.officeId }).first('id')))
              throw invalid('unknown_office', `There is no office "${fields.officeId}".`);
            const id = crypto.randomUUID();
            const instanceId = workflowIdFor('clientHiring', id);
            await trx('hiringLinks').insert({ id, ...fields, status: 'sent', instanceId, createdAt: nowIso() });
            return id;
          },
          start: async (id) => {
            const input = { hiringId: id, officeId: fields.officeId, timing: deps.timing };
            await instances.start({ machine: 'clientHiring', input, actor, reason: 'hiring link sent' });
          },
        },
      );
      return { ...result, link: link(result.id) };
    },

    /** The client's sign-up: company, admin (with password), contract in trial; the link is then used. */
    async signUp(f: SignUpFields) {
      const hiring = await usable(f.token);
      if (await db('companies').where({ cnpj: f.cnpj }).first('id'))
        throw conflict('duplicate_cnpj', 'A company with this CNPJ is already registered.');
      if (await registeredIdentity(db, f.adminEmail))
        throw conflict(
          'already_registered',
          'This e-mail already has an account. Use another e-mail for the company’s admin, or ask your office to add you.',
        );
      // The account is created in the same transaction as the company: a sign-up cut off half-way
      // (a crash, a lost connection) leaves nothing, and its retry is not told the e-mail is taken.
      const passwordHash = await hashPassword(f.password);
      const companyId = crypto.randomUUID();
      const { signedUp, actor } = await db.transaction(async (trx) => {
        const at = nowIso();
        const identityId = (
          await registerIdentityHashed(trx, f.adminEmail, passwordHash).catch((err: unknown) => {
            throw err instanceof AlreadyRegisteredError ? conflict('already_registered', err.message) : err;
          })
        ).id;
        const actor = `user:${identityId}`;
        const taken = await trx('hiringLinks')
          .where({ id: hiring.id, status: 'sent' })
          .update({ status: 'signedUp', companyId, usedAt: at });
        if (taken !== 1) throw new DomainError('gone', ...goneBecause.signedUp);
        const { officeId, planId, payer } = hiring;
        await trx('companies').insert({ id: companyId, officeId, name: f.companyName, cnpj: f.cnpj, createdAt: at });
        await trx('clientUsers').insert({
          id: crypto.randomUUID(),
          companyId,
          officeId,
          name: f.contactName,
          email: f.adminEmail,
          locale: hiring.locale,
          portalAccess: true,
          status: 'registered',
          identityId,
          createdAt: at,
          companyRole: 'admin',
        });
        await trx('contracts').insert({
          companyId,
          officeId,
          planId,
          payer,
          status: 'Teste',
          statusChangedAt: at,
          contactName: f.contactName,
          contactEmail: f.adminEmail,
          instanceId: workflowIdFor('clientContract', companyId),
          createdAt: at,
        });
        await deps.audit.recordIn(trx, { actor, action: 'hiringLinks.signUp', target: `companies:${companyId}` });
        // The hiring process hears of the sign-up through the queue: a Temporal outage cannot lose it.
        const event = { type: 'SIGNED_UP', companyId };
        return { signedUp: await enqueueEvent(trx, { instanceId: hiring.instanceId, event, actor }), actor };
      });
      await deps.contracts.startProcess(companyId, actor);
      await deliverQueued(db, instances, signedUp, { stopping: deps.stopping });
      return { companyId, status: 'Teste' as const };
    },
  };
}
