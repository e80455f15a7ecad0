import { ApplicationFailure, Context } from '@temporalio/activity';
import { activityFailureTypes } from '../machines/failureTypes.js';

/** The id of the workflow that scheduled the running activity: the process the work belongs to. */
export function currentWorkflowId(): string {
  const id = Context.current().info.workflowExecution?.workflowId;
  if (!id)
    throw ApplicationFailure.nonRetryable(
      'This activity must be scheduled by a workflow.',
      activityFailureTypes.noWorkflow,
    );
  return id;
}
