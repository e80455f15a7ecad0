import { setup } from 'xstate';
import { runsAsActivity } from './activityActor.js';
import { defineEngineMachine } from './definition.js';
import { eventRules } from './eventRules.generated.js';
import { payloadRules } from './payloadRules.js';
import type { PlanChangeEvent, PlanChangeInput } from './planChange.schema.js';

export type { PlanChangeInput } from './planChange.schema.js';

type Ref = { changeId: string; companyId: string; toPlanId: string };

// Each invoked actor runs as the activity of the same name (activities/planChanges.ts).
const actors = {
  applyPlanChange: runsAsActivity<void, Ref>(),
  withdrawPlanChange: runsAsActivity<void, Ref>(),
};
export type PlanChangeActivity = keyof typeof actors;

const ref = ({ context }: { context: PlanChangeInput }) => ({
  changeId: context.changeId,
  companyId: context.companyId,
  toPlanId: context.toPlanId,
});

/**
 * A change of an account's plan: applied at once, or scheduled until the next billing date, when
 * a timer applies it. Until then the office or an operator may apply it now or cancel it.
 */
const buildPlanChangeMachine = () =>
  setup({
    types: {} as { input: PlanChangeInput; context: PlanChangeInput; events: PlanChangeEvent },
    actors,
    delays: { untilBilling: ({ context }) => Math.max(1, context.delayMs) },
    guards: { isScheduled: ({ context }) => context.delayMs > 0 },
  }).createMachine({
    id: 'planChange',
    initial: 'starting',
    context: ({ input }) => input,
    states: {
      starting: { always: [{ guard: 'isScheduled', target: 'scheduled' }, { target: 'applying' }] },
      scheduled: {
        after: { untilBilling: 'applying' },
        on: { APPLY_NOW: 'applying', CANCEL: 'withdrawing' },
      },
      applying: {
        invoke: { src: 'applyPlanChange', input: ref, onDone: 'applied', onError: 'applyFailed' },
      },
      applyFailed: { tags: ['stuck'], on: { RETRY: 'applying', CANCEL: 'withdrawing' } },
      withdrawing: {
        invoke: { src: 'withdrawPlanChange', input: ref, onDone: 'cancelled', onError: 'withdrawFailed' },
      },
      withdrawFailed: { tags: ['stuck'], on: { RETRY: 'withdrawing' } },
      applied: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });

/** Version 1, what the workflow runs. */
export const planChangeV1 = defineEngineMachine<PlanChangeInput>({
  id: 'planChange',
  version: 1,
  build: buildPlanChangeMachine,
  eventSchemas: payloadRules(eventRules['planChange@1']),
  entity: (input) => ({ entityType: 'planChange', entityId: input.changeId, officeId: input.officeId }),
});
