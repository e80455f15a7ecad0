import { z } from 'zod';
import { AppError } from '../errors.js';
import type { EventRequest } from '../../../contracts/api.js';

export const eventBodySchema = z.object({
  type: z.string().trim().min(1, 'is required').max(100),
  payload: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().trim().min(1, 'is required: say why you send this event').max(1000),
}) satisfies z.ZodType<EventRequest, EventRequest>;

/** An event as the machine receives it: the payload's fields beside its type. */
export function machineEvent(body: z.infer<typeof eventBodySchema>) {
  if (body.payload && 'type' in body.payload)
    throw new AppError(400, 'bad_request', 'The payload cannot have a field named "type".');
  return { ...(body.payload ?? {}), type: body.type };
}
