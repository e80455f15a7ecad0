import type { ActivityOptions } from '@temporalio/common';

// Probes fail fast and heartbeat often, so cancellation and failure paths run in seconds.
export const testProfiles: Record<string, ActivityOptions> = {
  probeWork: {
    startToCloseTimeout: '30 seconds',
    heartbeatTimeout: '2 seconds',
    retry: { initialInterval: '100 milliseconds', maximumAttempts: 2 },
  },
  writeNote: {
    startToCloseTimeout: '10 seconds',
    retry: { initialInterval: '100 milliseconds', maximumAttempts: 2 },
  },
};
