import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { disconnectedLinks, waitingLinks } from '../directory/officeLinks.js';
import { replaceLinkedEmails } from '../directory/linkedEmails.js';
import { conflict, invalid, notFound } from '../errors.js';
import { deliverQueued, nowIso } from '../processes.js';
import { enqueueEvent } from '../events/queue.js';
import { changeAndRecord, createOnce, type UnitDeps } from '../unitOfWork.js';

export interface OfficeFields {
  name: string;
  cnpj: string;
  linkedEmails: string[];
}
export interface CompanyFields {
  officeId: string;
  name: string;
  cnpj: string;
}

const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

async function load(db: Knex, table: 'offices' | 'companies', id: string) {
  const row = (await db(table).where({ id }).first()) as Record<string, unknown> | undefined;
  if (!row) throw notFound(table === 'offices' ? 'Office' : 'Company', id);
  return row;
}

const sameEmails = (stored: unknown, given: string[]) =>
  JSON.stringify([...(JSON.parse(String(stored ?? '[]')) as string[])].sort()) ===
  JSON.stringify([...new Set(given)].sort());

/** Accounting offices, their client companies, and the office agent's token and heartbeat. */
export function officeService(deps: UnitDeps & { agentActor?: string }) {
  const { db, instances } = deps;
  const update = (
    table: 'offices' | 'companies',
    id: string,
    patch: Record<string, unknown>,
    actor: string,
    linkedEmails?: string[],
  ) =>
    changeAndRecord(
      deps,
      () => ({
        actor,
        action: `${table}.update`,
        target: `${table}:${id}`,
        details: { fields: [...Object.keys(patch), ...(linkedEmails ? ['linkedEmails'] : [])] },
      }),
      async (trx) => {
        if (Object.keys(patch).length) await trx(table).where({ id }).update(patch);
        if (linkedEmails) await replaceLinkedEmails(trx, id, linkedEmails, actor);
      },
    );

  return {
    load: (table: 'offices' | 'companies', id: string) => load(db, table, id),

    createOffice: (fields: OfficeFields, actor: string, idempotencyKey?: string) =>
      createOnce(
        deps,
        { actor, route: 'offices.create', idempotencyKey, body: fields },
        {
          table: 'offices',
          async sameAs(trx) {
            const holder = await trx('offices').where({ cnpj: fields.cnpj }).first();
            if (!holder) return undefined;
            if (holder.name !== fields.name || !sameEmails(holder.linkedEmails, fields.linkedEmails))
              throw conflict('duplicate_cnpj', `An office with CNPJ ${fields.cnpj} already exists.`);
            return String(holder.id);
          },
          async insert(trx) {
            const id = crypto.randomUUID();
            await trx('offices').insert({ id, name: fields.name, cnpj: fields.cnpj, createdAt: nowIso() });
            await replaceLinkedEmails(trx, id, fields.linkedEmails, actor);
            return id;
          },
        },
      ),

    async updateOffice(id: string, change: Partial<OfficeFields>, actor: string) {
      const current = await load(db, 'offices', id);
      if (change.cnpj && change.cnpj !== current.cnpj && (await db('offices').where({ cnpj: change.cnpj }).first('id')))
        throw conflict('duplicate_cnpj', `An office with CNPJ ${change.cnpj} already exists.`);
      await update(
        'offices',
        id,
        {
          ...(change.name ? { name: change.name } : {}),
          ...(change.cnpj ? { cnpj: change.cnpj } : {}),
        },
        actor,
        change.linkedEmails,
      );
      return load(db, 'offices', id);
    },

    createCompany: (fields: CompanyFields, actor: string, idempotencyKey?: string) =>
      createOnce(
        deps,
        { actor, route: 'companies.create', idempotencyKey, body: fields },
        {
          table: 'companies',
          async sameAs(trx) {
            const holder = await trx('companies').where({ officeId: fields.officeId, cnpj: fields.cnpj }).first();
            if (!holder) return undefined;
            if (holder.name !== fields.name)
              throw conflict('duplicate_cnpj', `This office already has a company with CNPJ ${fields.cnpj}.`);
            return String(holder.id);
          },
          async insert(trx) {
            if (!(await trx('offices').where({ id: fields.officeId }).first('id')))
              throw invalid('unknown_office', `There is no office "${fields.officeId}".`);
            const id = crypto.randomUUID();
            await trx('companies').insert({ id, ...fields, createdAt: nowIso() });
            return id;
          },
        },
      ),

    async updateCompany(id: string, change: { name?: string; cnpj?: string }, actor: string) {
      const current = await load(db, 'companies', id);
      if (
        change.cnpj &&
        change.cnpj !== current.cnpj &&
        (await db('companies').where({ officeId: current.officeId, cnpj: change.cnpj }).first('id'))
      )
        throw conflict('duplicate_cnpj', `This office already has a company with CNPJ ${change.cnpj}.`);
      await update(
        'companies',
        id,
        { ...(change.name ? { name: change.name } : {}), ...(change.cnpj ? { cnpj: change.cnpj } : {}) },
        actor,
      );
      return load(db, 'companies', id);
    },

    /** A new agent token for the office; only its hash is stored, so it is shown once. */
    async issueAgentToken(officeId: string, actor: string): Promise<string> {
      const token = `vat_${crypto.randomBytes(32).toString('base64url')}`;
      await changeAndRecord(
        deps,
        () => ({ actor, action: 'offices.agent-token', target: `offices:${officeId}` }),
        async (trx) => {
          if (
            (await trx('offices')
              .where({ id: officeId })
              .update({ agentTokenHash: hashOf(token) })) === 0
          )
            throw notFound('Office', officeId);
        },
      );
      return token;
    },

    /** Whether the token is the office's current agent token (compared in constant time). */
    async agentTokenMatches(officeId: string, token: string): Promise<boolean> {
      const office = (await db('offices').where({ id: officeId }).first('agentTokenHash')) as
        { agentTokenHash: string | null } | undefined;
      const expected = Buffer.from(office?.agentTokenHash ?? '', 'hex');
      const given = Buffer.from(hashOf(token), 'hex');
      return expected.length === given.length && crypto.timingSafeEqual(expected, given);
    },

    /**
     * Marks the office's agent online and wakes the links waiting for it, their events queued in
     * the same transaction (a Temporal outage loses none; an event still waiting from an earlier
     * heartbeat is not queued again); answers how many moved on now.
     */
    async recordHeartbeat(officeId: string, actor: string) {
      const agentOnlineAt = nowIso();
      const queued = await changeAndRecord(
        deps,
        () => ({ actor, action: 'offices.agent-heartbeat', target: `offices:${officeId}` }),
        async (trx) => {
          if ((await trx('offices').where({ id: officeId }).update({ agentOnlineAt })) === 0)
            throw notFound('Office', officeId);
          const wake = [
            ...(await waitingLinks(trx, officeId, 'awaitingAgent')).map((id) => [id, 'AGENT_ONLINE'] as const),
            // Linked users whose agent counted as disconnected are connected again.
            ...(await disconnectedLinks(trx, officeId)).map((id) => [id, 'HEARTBEAT'] as const),
          ];
          const ids: string[] = [];
          for (const [instanceId, type] of wake) {
            if (await trx('queuedEvents').where({ instanceId, eventType: type, status: 'pending' }).first('id'))
              continue;
            ids.push(
              await enqueueEvent(trx, { instanceId, event: { type }, actor: 'system', reason: 'agent heartbeat' }),
            );
          }
          return ids;
        },
      );
      let woken = 0;
      for (const eventId of queued) {
        const { outcome } = await deliverQueued(db, instances, eventId, { waitMs: 5_000, stopping: deps.stopping });
        if (outcome === 'delivered') woken += 1;
        // Temporal is away: the agent is not kept waiting for each of them; the relay has them all.
        if (outcome === 'pending') break;
      }
      return { id: officeId, agentOnlineAt, woken };
    },
  };
}

export type OfficeService = ReturnType<typeof officeService>;
