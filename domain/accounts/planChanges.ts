import type { Knex } from 'knex';

// The directory side of planChange: both writes are by id and safe to repeat.

export interface PlanChangeRef {
  changeId: string;
  companyId: string;
  toPlanId: string;
}

/** The account takes the new plan; a pending mark for this plan is cleared with it. */
export async function applyPlanChange(db: Knex, ref: PlanChangeRef): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('contracts').where({ companyId: ref.companyId }).update({ planId: ref.toPlanId });
    await trx('contracts')
      .where({ companyId: ref.companyId, pendingPlanId: ref.toPlanId })
      .update({ pendingPlanId: null, pendingPlanAt: null });
  });
}

/** A scheduled change that will not happen: the account shows no pending plan any more. */
export async function withdrawPlanChange(db: Knex, ref: PlanChangeRef): Promise<void> {
  await db('contracts')
    .where({ companyId: ref.companyId, pendingPlanId: ref.toPlanId })
    .update({ pendingPlanId: null, pendingPlanAt: null });
}
