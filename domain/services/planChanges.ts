import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { workflowIdFor } from '../ports.js';
import { nextBillingAt } from '../accounts/billing.js';
import { planOf } from '../accounts/plans.js';
import { conflict, DomainError } from '../errors.js';
import { keyedReplay, rememberKeyed, lockForCreate, type UnitDeps } from '../unitOfWork.js';
import { loadContract, untilContract, type ContractRow } from './contracts.js';

export interface PlanChangeTiming {
  /** Replaces the wait until the next billing date (tests, demos); unset, the calendar decides. */
  billingDelayMs?: number;
}

export interface PlanChangeDeps extends UnitDeps {
  timing: PlanChangeTiming;
}

export interface PlanChangeAnswer {
  instanceId: string;
  fromPlanId: string;
  toPlanId: string;
  /** When the new plan takes effect: now, or the account's next billing date. */
  effectiveAt: string;
  scheduled: boolean;
  replayed: boolean;
}

interface ChangeDetails {
  changeId: string;
  from: string;
  to: string;
  effectiveAt: string;
  delayMs: number;
}

/** What an earlier request decided, as its audit entry (written in the same transaction) says. */
async function recorded(trx: Knex.Transaction, companyId: string, changeId: string): Promise<ChangeDetails> {
  const rows = (await trx('audit')
    .where({ action: 'contracts.plan', target: `contracts:${companyId}` })
    .orderBy('id', 'desc')
    .select('details')) as Array<{ details: string | null }>;
  for (const row of rows) {
    const details = JSON.parse(row.details ?? '{}') as Partial<ChangeDetails>;
    if (details.changeId === changeId) return details as ChangeDetails;
  }
  throw new DomainError('conflict', 'change_not_found', `The plan change ${changeId} has no record.`);
}

/** Plan changes of client accounts, each carried out by a planChange process. */
export function planChangeService(deps: PlanChangeDeps) {
  const { db, instances } = deps;

  function refuseFrom(contract: ContractRow, toPlanId: string) {
    if (contract.status === 'Cancelado')
      return conflict('account_cancelled', 'This account is cancelled; its plan cannot change.', {
        status: contract.status,
      });
    if (contract.pendingPlanId)
      return conflict(
        'plan_change_pending',
        `A change to plan "${contract.pendingPlanId}" is already scheduled for ${String(contract.pendingPlanAt)}; cancel it first.`,
        {
          pendingPlanId: contract.pendingPlanId,
          pendingPlanAt: contract.pendingPlanAt,
          instanceId: contract.pendingPlanInstanceId,
        },
      );
    if (contract.planId === toPlanId)
      return conflict('same_plan', `The account is already on plan "${toPlanId}".`, { planId: toPlanId });
    return undefined;
  }

  return {
    /**
     * Moves the account to another plan with a reason, at once or at its next billing date as
     * the new plan says. Refused while another change is scheduled, for the plan it has, or for
     * a cancelled account. The same request again under its Idempotency-Key changes nothing more.
     */
    async change(
      companyId: string,
      change: { planId: string; reason: string },
      actor: string,
      idempotencyKey?: string,
    ): Promise<PlanChangeAnswer> {
      const plan = planOf(change.planId);
      const request = { actor, route: 'contracts.plan', idempotencyKey, body: { companyId, ...change } };
      const now = new Date();
      const made = await db.transaction(async (trx) => {
        await lockForCreate(trx, 'contracts');
        const contract = await loadContract(trx, companyId);
        const earlier = await keyedReplay(trx, request);
        if (earlier)
          return { ...(await recorded(trx, companyId, earlier)), officeId: contract.officeId, replayed: true };
        const refusal = refuseFrom(contract, plan.id);
        if (refusal) throw refusal;
        const changeId = crypto.randomUUID();
        const delayMs =
          plan.changeTakesEffect === 'now'
            ? 0
            : (deps.timing.billingDelayMs ?? nextBillingAt(contract.createdAt, now).getTime() - now.getTime());
        const effectiveAt = new Date(now.getTime() + delayMs).toISOString();
        if (delayMs > 0)
          await trx('contracts')
            .where({ companyId })
            .update({
              pendingPlanId: plan.id,
              pendingPlanAt: effectiveAt,
              pendingPlanInstanceId: workflowIdFor('planChange', changeId),
            });
        await rememberKeyed(trx, request, changeId);
        const details: ChangeDetails = { changeId, from: contract.planId, to: plan.id, effectiveAt, delayMs };
        await deps.audit.recordIn(trx, {
          actor,
          action: 'contracts.plan',
          target: `contracts:${companyId}`,
          reason: change.reason,
          details: { ...details },
        });
        return { ...details, officeId: contract.officeId, replayed: false };
      });
      const instanceId = workflowIdFor('planChange', made.changeId);
      // A replay starts the process too: the first attempt may have saved the change but not started it.
      const delayMs = made.replayed ? Math.max(0, Date.parse(made.effectiveAt) - Date.now()) : made.delayMs;
      const input = {
        changeId: made.changeId,
        companyId,
        officeId: made.officeId,
        fromPlanId: made.from,
        toPlanId: made.to,
        delayMs,
      };
      try {
        await instances.start({ machine: 'planChange', input, actor, reason: change.reason });
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'already_started'))
          throw new DomainError(
            'unavailable',
            'process_not_started',
            'The plan change was saved, but its process could not start yet. Send the same request again with the same Idempotency-Key to finish.',
            { instanceId },
          );
      }
      // A change that takes effect at once is answered once the account shows it.
      if (!made.replayed && made.delayMs === 0)
        await untilContract(db, companyId, (row) => row.planId === plan.id, deps.stopping);
      return {
        instanceId,
        fromPlanId: made.from,
        toPlanId: made.to,
        effectiveAt: made.effectiveAt,
        scheduled: made.delayMs > 0,
        replayed: made.replayed,
      };
    },
  };
}

export type PlanChangeService = ReturnType<typeof planChangeService>;
