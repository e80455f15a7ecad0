import { z } from 'zod';
import { bulkLimit } from '../../../domain/settings.js';
import type { BulkEventRequest, EventRequest } from '../../../contracts/api.js';

/** An operator's event for one process: `POST /api/instances/:id/events`. */
export const eventBodySchema = z.object({
  type: z.string().trim().min(1, 'is required').max(100),
  payload: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().trim().min(1, 'is required: say why you send this event').max(1000),
}) satisfies z.ZodType<EventRequest, EventRequest>;

/** The same event for many processes, or a dry run of it: `POST /api/instances/bulk-events`. */
export const bulkSchema = eventBodySchema.extend({
  ids: z
    .array(z.string().min(1))
    .min(1, 'needs at least one instance id')
    .max(bulkLimit, `takes at most ${bulkLimit} instances per call; split the selection`),
  dryRun: z.boolean().default(false),
}) satisfies z.ZodType<BulkEventRequest, BulkEventRequest>;
