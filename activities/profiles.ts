import type { ActivityOptions, LocalActivityOptions } from '@temporalio/common';

// Timeouts and retry policies for each activity, by name. Pure data: the interpreter workflow
// reads it to schedule activities, so it must not import anything with side effects.

/** Retries a few times with backoff; the final failure becomes an event the machine handles. */
export const defaultActivityProfile: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
};

export const activityProfiles: Record<string, ActivityOptions> = {};

/** The projection must not be lost: it retries until the database answers again. */
export const projectionProfile: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '30 seconds' },
};

export function profileFor(name: string, extra: Record<string, ActivityOptions> = {}): ActivityOptions {
  return extra[name] ?? activityProfiles[name] ?? defaultActivityProfile;
}
