import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers log every state change and expected activity failure at INFO/WARN; tests keep errors only.
try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // Already installed in this process by an earlier file.
}
