import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '../../../server/auth/principal.js';
import { composeApp } from '../../../server/compose.js';
import { startDirectoryStack, type DirectoryStack, type DirectoryStackOptions } from '../../support/directoryStack.js';
import { makeOperator } from '../../support/operators.js';
import { testRegistry } from '../../support/registry.js';
import { adminDist, ensureAdminBuilt } from './adminBuild.js';

export interface ConsoleStack extends DirectoryStack {
  /** Where the browser goes: the console at `${baseUrl}/admin/`, the API at `${baseUrl}/api`. */
  baseUrl: string;
  /** A fresh operator of the role, with its password, to log in through the console. */
  operator(role: Role): Promise<{ email: string; password: string }>;
}

const longOnboarding = { resendDelaysMs: [3_600_000], expireAfterMs: 3_600_000 };

/**
 * The directory stack (SQLite, Temporal, worker, SMTP catcher), plus a second app over the same
 * database and Temporal client that has what `npm start` has and the directory stack leaves out:
 * real operator sessions and the built console. The directory stack's own `app` (open access,
 * acting as an administrator) stays available for arranging data quickly through supertest.
 */
export async function startConsoleStack(o: DirectoryStackOptions = {}): Promise<ConsoleStack> {
  await ensureAdminBuilt();
  const onboarding = o.onboarding ?? longOnboarding;
  const inner = await startDirectoryStack({ ...o, onboarding });
  const consoleApp = composeApp(inner.directoryDeps, {
    registry: testRegistry,
    version: 'e2e',
    temporalOk: async () => true,
    adminDist,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = consoleApp.listen(0, '127.0.0.1', () => resolve(s)).once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...inner,
    baseUrl: `http://127.0.0.1:${port}`,
    async operator(role) {
      const { operator, password } = await makeOperator(inner.db, role);
      return { email: operator.email, password };
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await inner.stop();
    },
  };
}
