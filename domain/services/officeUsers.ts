import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { OfficeUserLinkV2Input } from '../../machines/officeUserLink.v2.machine.js';
import { workflowIdFor } from '../ports.js';
import { verifyPassword } from '../directory/identities.js';
import { conflict, DomainError, eventNotAllowed, invalid, notFound } from '../errors.js';
import { acceptsAfterStep, deliverQueued, nowIso, passDeactivationOn } from '../processes.js';
import { enqueueEvent } from '../events/queue.js';
import { changeAndRecord, createOnce, type UnitDeps } from '../unitOfWork.js';

export interface OfficeUserFields {
  officeId: string;
  name: string;
  email: string;
  role: 'manager' | 'staff';
}

type Row = OfficeUserFields & { id: string; active: unknown; instanceId: string };

export interface OfficeUserDeps extends UnitDeps {
  timing: OfficeUserLinkV2Input['timing'];
}

export const asBool = (v: unknown) => v === true || v === 1 || v === '1';

async function load(db: Knex, id: string): Promise<Row> {
  const row = (await db('officeUsers').where({ id }).first()) as Row | undefined;
  if (!row) throw notFound('Office user', id);
  return row;
}

/** Office staff; each has an officeUserLink process. */
export function officeUserService(deps: OfficeUserDeps) {
  const { db, instances } = deps;
  // A request's waits for the process end at once when the server shuts down.
  const wait = { stopping: deps.stopping };

  async function startProcess(id: string, actor: string) {
    const row = await load(db, id);
    const input = { officeUserId: id, officeId: row.officeId, timing: deps.timing };
    await instances.start({ machine: 'officeUserLink', input, actor, reason: 'office user created' });
    if (!asBool((await load(db, id)).active))
      await passDeactivationOn(
        db,
        instances,
        { instanceId: row.instanceId, actor, reason: 'office user deactivated' },
        wait,
      );
  }

  return {
    load: (id: string) => load(db, id),

    async create(fields: OfficeUserFields, actor: string, idempotencyKey?: string) {
      return createOnce(
        deps,
        { actor, route: 'officeUsers.create', idempotencyKey, body: fields },
        {
          table: 'officeUsers',
          async sameAs(trx) {
            const holder = (await trx('officeUsers')
              .where({ officeId: fields.officeId, email: fields.email, active: true })
              .first()) as Row | undefined;
            if (!holder) return undefined;
            if (holder.name !== fields.name || holder.role !== fields.role)
              throw conflict(
                'duplicate_email',
                `An active user of this office already has the e-mail ${fields.email}.`,
              );
            return holder.id;
          },
          async insert(trx) {
            if (!(await trx('offices').where({ id: fields.officeId }).first('id')))
              throw invalid('unknown_office', `There is no office "${fields.officeId}".`);
            if (
              fields.role === 'manager' &&
              (await trx('officeUsers').where({ officeId: fields.officeId, role: 'manager', active: true }).first('id'))
            )
              throw conflict('manager_exists', 'This office already has an active manager; deactivate it first.');
            const id = crypto.randomUUID();
            const instanceId = workflowIdFor('officeUserLink', id);
            await trx('officeUsers').insert({ id, ...fields, active: true, instanceId, createdAt: nowIso() });
            return id;
          },
          start: (id) => startProcess(id, actor),
        },
      );
    },

    async update(id: string, change: { name?: string; active?: boolean; reason?: string }, actor: string) {
      const current = await load(db, id);
      if (change.active === true && !asBool(current.active))
        throw invalid('bad_request', 'A deactivated user cannot be reactivated; create a new one.');
      const deactivate = change.active === false && asBool(current.active);
      const queued = await changeAndRecord(
        deps,
        () => ({
          actor,
          action: 'officeUsers.update',
          target: `officeUsers:${id}`,
          reason: change.reason,
          details: { fields: change.name ? ['name'] : [], deactivated: deactivate },
        }),
        async (trx) => {
          if (change.name) await trx('officeUsers').where({ id }).update({ name: change.name });
          if (!deactivate) return undefined;
          // Inactive at once: the e-mail is free for a new user even before the unlink has run.
          await trx('officeUsers').where({ id }).update({ active: false });
          // The process hears of it through the queue, so a Temporal outage cannot lose it.
          return enqueueEvent(trx, {
            instanceId: current.instanceId,
            event: { type: 'DEACTIVATE' },
            actor,
            reason: change.reason ?? 'office user deactivated',
          });
        },
      );
      if (queued) await deliverQueued(db, instances, queued, wait);
      return load(db, id);
    },

    /** Checks the platform account's password; the process learns only the outcome. */
    async checkCredentials(id: string, credentials: { email?: string; password: string }, actor: string) {
      const user = await load(db, id);
      const probe = await acceptsAfterStep(instances, user.instanceId, { type: 'CREDENTIALS_REJECTED' }, wait);
      if (!probe.ok)
        throw eventNotAllowed(`Credentials are not expected now (state "${probe.state}").`, { state: probe.state });
      const outcome = await verifyPassword(db, credentials.email ?? user.email, credentials.password);
      if (!outcome.ok && outcome.reason === 'throttled')
        throw new DomainError(
          'throttled',
          'too_many_attempts',
          `Too many wrong passwords. Try again in ${outcome.retryAfterSeconds} s.`,
          { retryAfterSeconds: outcome.retryAfterSeconds },
        );
      const event = outcome.ok
        ? { type: 'CREDENTIALS_VERIFIED', identityId: outcome.identityId }
        : { type: 'CREDENTIALS_REJECTED' };
      const reason = outcome.ok ? 'credentials verified' : 'invalid credentials';
      // The outcome, its audit entry and the event for the process commit together; the event is
      // then delivered at once, or by the relay when Temporal is away (the answer says "recorded").
      const eventId = await changeAndRecord(
        deps,
        () => ({
          actor,
          action: 'officeUsers.credentials',
          target: `officeUsers:${id}`,
          details: { verified: outcome.ok },
        }),
        (trx) => enqueueEvent(trx, { instanceId: user.instanceId, event, actor, reason }),
      );
      const delivery = await deliverQueued(db, instances, eventId, wait);
      if (delivery.outcome === 'refused') throw delivery.error;
      const state = delivery.outcome === 'delivered' ? delivery.state : 'recorded';
      const recorded = delivery.outcome === 'delivered' ? {} : { recorded: true };
      if (!outcome.ok)
        throw new DomainError(
          'unauthenticated',
          'invalid_credentials',
          'The e-mail or password of the platform account is wrong.',
          { state, ...recorded },
        );
      return { verified: true, state, ...recorded };
    },
  };
}
