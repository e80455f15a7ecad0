import { fromPromise } from 'xstate';

/** Actor logic for an invoke that the interpreter runs as an activity; XState never runs it. */
export const runsAsActivity = <TOutput, TInput>() =>
  fromPromise<TOutput, TInput>(async () => {
    throw new Error('This actor runs as a Temporal activity, not inside XState.');
  });
