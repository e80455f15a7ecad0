import { ApplicationFailure, Context } from '@temporalio/activity';
import { StepFailure, type StepContext } from '../domain/steps.js';
import { currentWorkflowId } from './workflowOf.js';

/** A step as the domain writes it: its input, and what the engine tells it. */
type Step = (input: never, ctx: StepContext) => Promise<unknown>;

/** The same steps as Temporal activities: by the same names, taking the input alone. */
export type ActivitiesOf<S extends Record<string, Step>> = {
  [K in keyof S]: (input: Parameters<S[K]>[0]) => ReturnType<S[K]>;
};

/** What a step learns from Temporal: the workflow that scheduled it, and a heartbeat. */
const temporalContext: StepContext = {
  instanceId: currentWorkflowId,
  heartbeat: () => Context.current().heartbeat(),
};

/**
 * Turns domain steps into activities: each runs its step with the Temporal context, and a step
 * that trying again cannot fix (StepFailure) fails the activity for good with its type, so
 * Temporal does not retry it and the machine can branch on the type.
 */
export function asActivities<S extends Record<string, Step>>(steps: S): ActivitiesOf<S> {
  const activities: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, step] of Object.entries(steps)) {
    const run = step as (input: unknown, ctx: StepContext) => Promise<unknown>;
    activities[name] = async (input) => {
      try {
        return await run(input, temporalContext);
      } catch (err) {
        if (err instanceof StepFailure) throw ApplicationFailure.nonRetryable(err.message, err.failureType);
        throw err;
      }
    };
  }
  return activities as ActivitiesOf<S>;
}
