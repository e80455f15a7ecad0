import { z } from 'zod';
import type { InstanceService } from '../../temporal/instances.js';
import { AppError } from '../errors.js';
import { eventBodySchema, machineEvent } from './eventBody.js';
import { DomainError } from '../../../domain/errors.js';

import { bulkLimit } from '../../../domain/settings.js';
import type { BulkEventRequest, BulkResult } from '../../../contracts/api.js';

export const BULK_LIMIT = bulkLimit;

export const bulkSchema = eventBodySchema.extend({
  ids: z
    .array(z.string().min(1))
    .min(1, 'needs at least one instance id')
    .max(BULK_LIMIT, `takes at most ${BULK_LIMIT} instances per call; split the selection`),
  dryRun: z.boolean().default(false),
}) satisfies z.ZodType<BulkEventRequest, BulkEventRequest>;

export type { BulkResult };

const CONCURRENCY = 8;

async function one(
  instances: InstanceService,
  id: string,
  body: z.infer<typeof bulkSchema>,
  actor: string,
): Promise<BulkResult> {
  const event = machineEvent(body);
  try {
    await instances.assertOperatorMay(id, event.type);
    if (body.dryRun) {
      const verdict = await instances.accepts(id, event);
      return verdict.ok
        ? { id, ok: true, state: verdict.state }
        : { id, ok: false, state: verdict.state, error: 'event_not_allowed', message: verdict.message };
    }
    const result = await instances.send(id, { event, actor, reason: body.reason });
    return { id, ok: true, state: result.state };
  } catch (err) {
    if (err instanceof AppError || err instanceof DomainError)
      return { id, ok: false, state: err.details.state as string | undefined, error: err.code, message: err.message };
    // Raw exception text can name internals (hosts, SQL, payload converters): say only that it failed.
    return { id, ok: false, error: 'internal', message: 'This process could not be reached; try again later.' };
  }
}

/** Sends (or, on a dry run, only checks) one event to many instances; each gets its own verdict. */
export async function bulkEvents(
  instances: InstanceService,
  body: z.infer<typeof bulkSchema>,
  actor: string,
): Promise<BulkResult[]> {
  const ids = [...new Set(body.ids)];
  const results: BulkResult[] = new Array(ids.length);
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const i = next++;
      results[i] = await one(instances, ids[i] as string, body, actor);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, lane));
  return results;
}
