import { setup } from 'xstate';
import { z } from 'zod';
import { defineMachine } from '../../../machines/definition.js';

export interface VersionProbeInput {
  key: string;
}

const inputSchema = z.object({ key: z.string().min(1).max(100) });
const noPayload = z.object({}).strict();
const entity = (input: VersionProbeInput) => ({ entityType: 'probe', entityId: input.key });

/** Version 1: a draft is submitted, then approved or rejected. */
export const versionProbeMachineV1 = setup({
  types: {} as { input: VersionProbeInput; events: { type: 'SUBMIT' } | { type: 'APPROVE' } | { type: 'REJECT' } },
}).createMachine({
  id: 'versionProbe',
  initial: 'drafting',
  states: {
    drafting: { on: { SUBMIT: 'inReview' } },
    inReview: { on: { APPROVE: 'approved', REJECT: 'rejected' } },
    approved: { type: 'final' },
    rejected: { type: 'final' },
  },
});

/**
 * Version 2, an incompatible change: `inReview` is renamed `underReview` (a version 1 snapshot
 * would point at a state that no longer exists) and a reviewer may now RETURN the draft.
 */
export const versionProbeMachineV2 = setup({
  types: {} as {
    input: VersionProbeInput;
    events: { type: 'SUBMIT' } | { type: 'APPROVE' } | { type: 'REJECT' } | { type: 'RETURN' };
  },
}).createMachine({
  id: 'versionProbe',
  initial: 'drafting',
  states: {
    drafting: { on: { SUBMIT: 'underReview' } },
    underReview: { on: { APPROVE: 'approved', REJECT: 'rejected', RETURN: 'drafting' } },
    approved: { type: 'final' },
    rejected: { type: 'final' },
  },
});

const catalogue = {
  title: { en: 'Version probe' },
  eventLabels: {},
  inputSchema,
  entity,
};

export const versionProbeV1 = defineMachine<VersionProbeInput>({
  ...catalogue,
  id: 'versionProbe',
  version: 1,
  machine: versionProbeMachineV1,
  stateLabels: { inReview: { en: 'In review' } },
  // In version 1 a rejection comes from the reviewer's own tool, never from an operator.
  operatorEvents: ['SUBMIT', 'APPROVE'],
  eventSchemas: { SUBMIT: noPayload, APPROVE: noPayload, REJECT: noPayload },
});

export const versionProbeV2 = defineMachine<VersionProbeInput>({
  ...catalogue,
  id: 'versionProbe',
  version: 2,
  machine: versionProbeMachineV2,
  stateLabels: { underReview: { en: 'Under review' } },
  // Version 2 turns it round: operators may reject or return a draft, an approval is the reviewer's own.
  operatorEvents: ['SUBMIT', 'REJECT', 'RETURN'],
  eventSchemas: { SUBMIT: noPayload, APPROVE: noPayload, REJECT: noPayload, RETURN: noPayload },
});
