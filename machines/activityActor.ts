import { fromPromise } from 'xstate';

/**
 * Actor logic for an invoke the interpreter runs as the Temporal activity named by its `src`;
 * XState itself never runs it. Typing it keeps `input` and `event.output` checked in machines.
 */
export const runsAsActivity = <TOutput, TInput>() =>
  fromPromise<TOutput, TInput>(async () => {
    throw new Error('This actor runs as a Temporal activity, not inside XState.');
  });

/** The error an invoke reports when its activity finally fails (see workflows/effects.ts). */
export const failureType = (error: unknown): string | undefined => (error as { type?: string } | undefined)?.type;
