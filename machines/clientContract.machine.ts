import { assign, setup } from 'xstate';
import { runsAsActivity } from './activityActor.js';
import type { ContractEvent, ContractInput, ContractStatus } from './clientContract.schema.js';
import { defineEngineMachine } from './definition.js';
import { eventRules } from './eventRules.generated.js';
import { payloadRules } from './payloadRules.js';

export type { ContractEvent, ContractInput, ContractStatus } from './clientContract.schema.js';

export interface ContractContext extends Pick<ContractInput, 'companyId' | 'officeId' | 'timing'> {
  /** The status the account has, or is being given by `recording`. */
  status: ContractStatus;
  /** Reminders to the payer sent so far; numbers each so a retried send is the same message. */
  reminderCount: number;
}

type ById = { companyId: string };

// Each invoked actor runs as the activity of the same name (activities/contracts.ts).
const actors = {
  recordContractStatus: runsAsActivity<void, ById & { status: ContractStatus }>(),
  sendTrialReminder: runsAsActivity<void, ById & { reminderNo: number }>(),
};

export type ContractActivity = keyof typeof actors;

const to = (status: ContractStatus) => ({
  target: '#clientContract.recording',
  actions: assign<ContractContext, ContractEvent, undefined, ContractEvent, never>({ status }),
});

// What the office's manager or an operator may do while the trial runs.
const duringTrial = { CONFIRM: to('Efetivado'), BLOCK: to('Bloqueado'), CANCEL: to('Cancelado') } as const;

/**
 * An account's contract: a trial with reminders to the payer, effective once confirmed, blocked
 * when the trial ends unconfirmed, cancelled after a time blocked unless unblocked. Every status
 * is written to the account's contract row by `recording` before the process settles in it.
 */
const buildClientContractMachine = () =>
  setup({
    types: {} as { input: ContractInput; context: ContractContext; events: ContractEvent },
    actors,
    actions: {
      countReminder: assign({ reminderCount: ({ context }) => context.reminderCount + 1 }),
    },
    delays: {
      // One timer per wait in the trial: the next reminder, or after the last one the trial's end.
      nextTrialDelay: ({ context }) =>
        context.timing.reminderDelaysMs[context.reminderCount] ?? context.timing.trialEndAfterMs,
      cancelAfterBlocked: ({ context }) => context.timing.cancelAfterBlockedMs,
    },
    guards: {
      hasRemindersLeft: ({ context }) => context.reminderCount < context.timing.reminderDelaysMs.length,
      isStatus: ({ context }, status: ContractStatus) => context.status === status,
    },
  }).createMachine({
    id: 'clientContract',
    initial: 'recording',
    context: ({ input }) => ({
      companyId: input.companyId,
      officeId: input.officeId,
      timing: input.timing,
      status: 'Teste',
      reminderCount: 0,
    }),
    states: {
      recording: {
        invoke: {
          src: 'recordContractStatus',
          input: ({ context }) => ({ companyId: context.companyId, status: context.status }),
          onDone: [
            { guard: { type: 'isStatus', params: 'Teste' }, target: 'trial' },
            { guard: { type: 'isStatus', params: 'Efetivado' }, target: 'effective' },
            { guard: { type: 'isStatus', params: 'Bloqueado' }, target: 'blocked' },
            { target: 'cancelled' },
          ],
          onError: 'recordFailed',
        },
      },
      trial: {
        after: {
          nextTrialDelay: [
            { guard: 'hasRemindersLeft', target: 'remindingPayer', actions: 'countReminder' },
            to('Bloqueado'),
          ],
        },
        on: duringTrial,
      },
      remindingPayer: {
        invoke: {
          src: 'sendTrialReminder',
          input: ({ context }) => ({ companyId: context.companyId, reminderNo: context.reminderCount }),
          // A reminder that could not be sent does not stop the trial: its end still comes on time.
          onDone: 'trial',
          onError: 'trial',
        },
        on: duringTrial,
      },
      effective: { on: { BLOCK: to('Bloqueado'), CANCEL: to('Cancelado') } },
      blocked: {
        after: { cancelAfterBlocked: to('Cancelado') },
        on: { UNBLOCK: to('Efetivado'), CANCEL: to('Cancelado') },
      },
      recordFailed: { tags: ['stuck'], on: { RETRY: 'recording' } },
      cancelled: { type: 'final' },
    },
    output: ({ context }) => ({ companyId: context.companyId, status: context.status }),
  });

/** Version 1, what the workflow runs. */
export const clientContractV1 = defineEngineMachine<ContractInput>({
  id: 'clientContract',
  version: 1,
  build: buildClientContractMachine,
  eventSchemas: payloadRules(eventRules['clientContract@1']),
  entity: (input) => ({ entityType: 'company', entityId: input.companyId, officeId: input.officeId }),
});
