import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { OnboardingInput } from '../../machines/clientUserOnboarding.machine.js';
import { enqueueEvent } from '../events/queue.js';
import { workflowIdFor } from '../ports.js';
import { isUndeliverable } from '../directory/validation.js';
import { conflict, eventNotAllowed, invalid, notFound } from '../errors.js';
import { acceptsAfterStep, deliverQueued, nowIso, passDeactivationOn } from '../processes.js';
import { changeAndRecord, createOnce, type UnitDeps } from '../unitOfWork.js';

/** Statuses that no longer hold the e-mail: another user of the company may take it. */
export const releasedStatuses = ['inactive', 'cancelled', 'expired'];

export interface ClientUserFields {
  companyId: string;
  name: string;
  email: string;
  cpf?: string;
  phone?: string;
  locale: string;
}

export interface ClientUserChange {
  name?: string;
  email?: string;
  cpf?: string | null;
  phone?: string | null;
  status?: string;
  reason?: string;
}

type Row = ClientUserFields & { id: string; pendingEmail: string | null; status: string; instanceId: string };

export interface ClientUserDeps extends UnitDeps {
  timing: OnboardingInput['timing'];
}

async function load(db: Knex, id: string): Promise<Row> {
  const row = (await db('clientUsers').where({ id }).first()) as Row | undefined;
  if (!row) throw notFound('Client user', id);
  return row;
}

/** The active user of the company holding this address (as contact or pending e-mail), if any. */
const holderOf = (db: Knex, companyId: string, email: string, exceptId?: string) => {
  const q = db('clientUsers')
    .where({ companyId })
    .whereNotIn('status', releasedStatuses)
    .andWhere((w) => w.where({ email }).orWhere({ pendingEmail: email }));
  if (exceptId) q.whereNot({ id: exceptId });
  return q.first() as Promise<Row | undefined>;
};

const duplicate = (email: string) =>
  conflict('duplicate_email', `An active user of this company already has the e-mail ${email}.`);

/** Users of client companies; each has a clientUserOnboarding process. */
export function clientUserService(deps: ClientUserDeps) {
  const { db, instances } = deps;
  // A request's waits for the process end at once when the server shuts down.
  const wait = { stopping: deps.stopping };

  /** Its process, started last; a deactivation that landed before the start is passed on to it. */
  async function startProcess(id: string, actor: string) {
    const row = await load(db, id);
    const input = {
      clientUserId: id,
      officeId: (row as Row & { officeId: string }).officeId,
      companyId: row.companyId,
      timing: deps.timing,
    };
    await instances.start({ machine: 'clientUserOnboarding', input, actor, reason: 'client user created' });
    if ((await load(db, id)).status === 'inactive')
      await passDeactivationOn(
        db,
        instances,
        { instanceId: row.instanceId, actor, reason: 'client user deactivated' },
        wait,
      );
  }

  async function assertCorrectable(current: Row) {
    const probe = await acceptsAfterStep(instances, current.instanceId, { type: 'CORRECT_EMAIL' }, wait);
    if (!probe.ok)
      throw eventNotAllowed(`The e-mail cannot be corrected now: ${probe.message ?? ''}`.trim(), {
        state: probe.state,
      });
  }

  /**
   * The event carries no address: the process reads the one stored as pending, in the same
   * transaction that queued it. Refused by the process → the address goes back (logged) and the
   * refusal is the answer; Temporal away → the relay delivers it later and the correction stands.
   */
  async function tellNewEmail(before: Row, eventId: string, actor: string) {
    const delivery = await deliverQueued(db, instances, eventId, wait);
    if (delivery.outcome !== 'refused') return;
    await changeAndRecord(
      deps,
      () => ({ actor, action: 'clientUsers.emailCorrection.reverted', target: `clientUsers:${before.id}` }),
      (trx) => trx('clientUsers').where({ id: before.id }).update({ pendingEmail: before.pendingEmail }),
    );
    throw delivery.error;
  }

  return {
    load: (id: string) => load(db, id),

    /** Creates the user and starts its onboarding; the same request again answers the same user. */
    async create(fields: ClientUserFields, actor: string, idempotencyKey?: string) {
      return createOnce(
        deps,
        { actor, route: 'clientUsers.create', idempotencyKey, body: fields },
        {
          table: 'clientUsers',
          async sameAs(trx) {
            const holder = await holderOf(trx, fields.companyId, fields.email);
            if (!holder) return undefined;
            const same =
              holder.name === fields.name &&
              (holder.cpf ?? undefined) === fields.cpf &&
              (holder.phone ?? undefined) === fields.phone &&
              holder.locale === fields.locale;
            if (!same) throw duplicate(fields.email);
            return holder.id;
          },
          async insert(trx) {
            const company = await trx('companies').where({ id: fields.companyId }).first('officeId');
            if (!company) throw invalid('unknown_company', `There is no company "${fields.companyId}".`);
            const id = crypto.randomUUID();
            await trx('clientUsers').insert({
              id,
              ...fields,
              officeId: company.officeId,
              status: 'pending',
              portalAccess: false,
              instanceId: workflowIdFor('clientUserOnboarding', id),
              createdAt: nowIso(),
            });
            return id;
          },
          start: (id) => startProcess(id, actor),
        },
      );
    },

    /** Name and documents, an e-mail correction, or the deactivation; one audit entry per call. */
    async update(id: string, change: ClientUserChange, actor: string) {
      const current = await load(db, id);
      if (change.status !== undefined && change.status !== current.status && change.status !== 'inactive')
        throw invalid('bad_request', 'The status can only be changed to "inactive" here; the process sets the others.');
      const plain = Object.fromEntries(
        Object.entries({ name: change.name, cpf: change.cpf, phone: change.phone }).filter(([, v]) => v !== undefined),
      );
      const realEmail = isUndeliverable(current.email) ? current.pendingEmail : current.email;
      const newEmail =
        change.email && change.email !== realEmail && change.email !== current.email ? change.email : undefined;
      const deactivate = change.status === 'inactive' && current.status !== 'inactive';
      if (newEmail) await assertCorrectable(current);
      const queued = await changeAndRecord(
        deps,
        () => ({
          actor,
          action: 'clientUsers.update',
          target: `clientUsers:${id}`,
          reason: change.reason,
          details: { fields: Object.keys(plain), emailCorrected: !!newEmail, deactivated: deactivate },
        }),
        async (trx) => {
          if (Object.keys(plain).length) await trx('clientUsers').where({ id }).update(plain);
          let correction: string | undefined;
          if (newEmail) {
            if (await holderOf(trx, current.companyId, newEmail, id)) throw duplicate(newEmail);
            await trx('clientUsers').where({ id }).update({ pendingEmail: newEmail });
            // Queued with the address, so a Temporal outage cannot lose the correction.
            correction = await enqueueEvent(trx, {
              instanceId: current.instanceId,
              event: { type: 'CORRECT_EMAIL' },
              actor,
              reason: change.reason ?? 'e-mail corrected',
            });
          }
          if (!deactivate) return { correction };
          // Inactive at once, so the e-mail is free; the process then closes the portal access.
          await trx('clientUsers').where({ id }).update({ status: 'inactive', portalAccess: false });
          // Queued with the change, so a Temporal outage cannot lose the deactivation.
          const deactivation = await enqueueEvent(trx, {
            instanceId: current.instanceId,
            event: { type: 'DEACTIVATE' },
            actor,
            reason: change.reason ?? 'client user deactivated',
          });
          return { correction, deactivation };
        },
      );
      if (queued.correction) await tellNewEmail(current, queued.correction, actor);
      if (queued.deactivation) await deliverQueued(db, instances, queued.deactivation, wait);
      return load(db, id);
    },
  };
}

export type ClientUserService = ReturnType<typeof clientUserService>;
