import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ObservedSdkLogger, sdkLogging } from '../../server/temporal/taskFailures.js';

// Workers log every state change and expected activity failure at INFO/WARN; tests keep errors only.
// Failing workflow tasks are still observed (server/temporal/taskFailures.ts), as in production.
try {
  Runtime.install({
    logger: new ObservedSdkLogger(new DefaultLogger('ERROR')),
    telemetryOptions: { logging: sdkLogging('ERROR') },
  });
} catch {
  // Already installed in this process by an earlier file.
}
