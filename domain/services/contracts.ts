import type { Knex } from 'knex';
import type { ContractInput, ContractStatus } from '../../machines/clientContract.schema.js';
import { workflowIdFor } from '../ports.js';
import { allowedFrom, statusMoves } from '../accounts/contractStatus.js';
import { planOf } from '../accounts/plans.js';
import { conflict, DomainError, invalid, notFound } from '../errors.js';
import { acceptsAfterStep, nowIso } from '../processes.js';
import { requestWaitsMs } from '../settings.js';
import { createOnce, type UnitDeps } from '../unitOfWork.js';
import { pollUntil } from '../waits.js';

export interface ContractFields {
  companyId: string;
  planId: string;
  payer: 'office' | 'client';
  contactName?: string;
  contactEmail?: string;
}

export interface ContractRow extends Required<Omit<ContractFields, 'contactName' | 'contactEmail'>> {
  officeId: string;
  status: ContractStatus;
  statusChangedAt: string;
  contactName: string | null;
  contactEmail: string | null;
  pendingPlanId: string | null;
  pendingPlanAt: string | null;
  pendingPlanInstanceId: string | null;
  instanceId: string;
  createdAt: string;
}

export interface ContractDeps extends UnitDeps {
  timing: ContractInput['timing'];
}

export async function loadContract(db: Knex, companyId: string): Promise<ContractRow> {
  const row = (await db('contracts').where({ companyId }).first()) as ContractRow | undefined;
  if (!row) throw notFound('Contract of company', companyId);
  return row;
}

/**
 * A process writes the contract a moment after taking an event; the answer waits (briefly, and
 * no longer once the server is stopping) until the row shows it, and answers the row as it then is.
 */
export function untilContract(
  db: Knex,
  companyId: string,
  shows: (row: ContractRow) => boolean,
  stopping?: AbortSignal,
): Promise<ContractRow> {
  return pollUntil(() => loadContract(db, companyId), shows, requestWaitsMs.contractRow, stopping);
}

/** Client accounts' contracts; each has a clientContract process moving its status. */
export function contractService(deps: ContractDeps) {
  const { db, instances } = deps;
  // A request's waits for the process end at once when the server shuts down.
  const wait = { stopping: deps.stopping };

  async function startProcess(companyId: string, actor: string) {
    const row = await loadContract(db, companyId);
    const input = { companyId, officeId: row.officeId, timing: deps.timing };
    await instances.start({ machine: 'clientContract', input, actor, reason: 'contract created' });
  }

  return {
    load: (companyId: string) => loadContract(db, companyId),
    startProcess,

    /** A contract in trial for a company, and its process; the same request again answers the same contract. */
    async create(fields: ContractFields, actor: string, idempotencyKey?: string) {
      planOf(fields.planId);
      return createOnce(
        deps,
        { actor, route: 'contracts.create', idempotencyKey, body: fields },
        {
          table: 'contracts',
          async sameAs(trx) {
            const existing = (await trx('contracts').where({ companyId: fields.companyId }).first()) as
              ContractRow | undefined;
            if (!existing) return undefined;
            if (existing.planId !== fields.planId || existing.payer !== fields.payer)
              throw conflict(
                'contract_exists',
                'This company already has a contract; change its plan or status instead.',
              );
            return existing.companyId;
          },
          async insert(trx) {
            const company = await trx('companies').where({ id: fields.companyId }).first('officeId');
            if (!company) throw invalid('unknown_company', `There is no company "${fields.companyId}".`);
            const at = nowIso();
            await trx('contracts').insert({
              ...fields,
              officeId: company.officeId,
              status: 'Teste',
              statusChangedAt: at,
              instanceId: workflowIdFor('clientContract', fields.companyId),
              createdAt: at,
            });
            return fields.companyId;
          },
          start: (id) => startProcess(id, actor),
        },
      );
    },

    /**
     * Gives the account another status through its process, with a reason. A status the current
     * one does not lead to is refused with the ones it does.
     */
    async changeStatus(companyId: string, change: { status: ContractStatus; reason: string }, actor: string) {
      const current = await loadContract(db, companyId);
      const allowed = allowedFrom(current.status);
      const type = statusMoves[current.status][change.status];
      const refuse = (why: string) =>
        new DomainError(
          'conflict',
          'status_change_not_allowed',
          `The status cannot change from ${current.status} to ${change.status}${why}. ${
            allowed.length ? `Allowed from ${current.status}: ${allowed.join(', ')}.` : `${current.status} is final.`
          }`,
          { status: current.status, allowed },
        );
      if (!type) throw refuse('');
      const probe = await acceptsAfterStep(instances, current.instanceId, { type }, wait);
      if (!probe.ok) throw refuse(` now (${probe.message ?? 'the process is busy'})`);
      await instances.send(current.instanceId, { event: { type }, actor, reason: change.reason });
      await deps.audit.record({
        actor,
        action: 'contracts.status',
        target: `contracts:${companyId}`,
        reason: change.reason,
        details: { from: current.status, to: change.status },
      });
      return untilContract(db, companyId, (row) => row.status === change.status, deps.stopping);
    },
  };
}

export type ContractService = ReturnType<typeof contractService>;
