import type { Knex } from 'knex';
import { applyPlanChange, withdrawPlanChange, type PlanChangeRef } from '../domain/accounts/planChanges.js';

/** The activities of planChange: thin adapters over the domain's writes. */
export function createPlanChangeActivities(deps: { db: Knex }) {
  return {
    applyPlanChange: (ref: PlanChangeRef) => applyPlanChange(deps.db, ref),
    withdrawPlanChange: (ref: PlanChangeRef) => withdrawPlanChange(deps.db, ref),
  };
}
