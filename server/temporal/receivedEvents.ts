import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { eventSignal, eventUpdate } from '../../workflows/messages.js';

/**
 * Whether the process's last run already took the queued event with this id, by Signal (the
 * relay) or by Update (the request that queued it). A delivery whose outcome went unrecorded (its
 * sender killed, or its caller gone while the Update waited for a worker) may be the very event
 * that ended the process, so "the process has ended" alone does not mean the event was refused.
 */
export async function processReceived(client: Client, instanceId: string, eventId: string): Promise<boolean> {
  const history = await client.workflow.getHandle(instanceId).fetchHistory();
  const { payloadCodecs, payloadConverter } = client.workflow.options.loadedDataConverter;
  const firstArg = async (payloads: Payload[]) => {
    let decoded = payloads;
    for (const codec of [...payloadCodecs].reverse()) decoded = await codec.decode(decoded);
    return payloadConverter.fromPayload<{ eventId?: string } | undefined>(decoded[0]!);
  };
  for (const e of history.events ?? []) {
    const signalled = e.workflowExecutionSignaledEventAttributes;
    const updated = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
    const payloads =
      signalled?.signalName === eventSignal.name
        ? signalled.input?.payloads
        : updated?.name === eventUpdate.name
          ? updated.args?.payloads
          : undefined;
    if (payloads?.length && (await firstArg(payloads as Payload[]))?.eventId === eventId) return true;
  }
  return false;
}
