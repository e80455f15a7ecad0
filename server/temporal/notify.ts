import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Notify } from '../../domain/ports.js';
import { eventSignal } from '../../workflows/messages.js';

/**
 * How activities wake other processes: a Signal carrying the event, from `system`. The
 * receiving workflow checks it like any outside event and drops it if its state moved on.
 */
export function signalNotifier(client: Client): Notify {
  return async (workflowId, event) => {
    try {
      await client.workflow.getHandle(workflowId).signal(eventSignal, { event, actor: 'system' });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return; // it ended meanwhile: nothing to wake
      throw err;
    }
  };
}
