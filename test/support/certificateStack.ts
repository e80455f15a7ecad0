import { testOfficeLinkTiming } from './directoryStack.js';
import crypto from 'node:crypto';
import { createActivities } from '../../activities/index.js';
import type { CertificateService } from '../../domain/certificates/service.js';
import type { CertificateStore } from '../../domain/certificates/store.js';
import { openAccess } from '../../server/auth/openAccess.js';
import { composeActivityDeps } from '../../server/compose.js';
import type { Config } from '../../server/config.js';
import { startMailCatcher, type MailCatcher } from './mailCatcher.js';
import { defaultConfig } from './settings.js';
import { createTestDb, startStack, testCertificateStore, type Stack } from './stack.js';

export interface CertificateStack extends Stack {
  smtp: MailCatcher;
  store: CertificateStore;
  service: CertificateService;
  dbFile: string;
  /** The key sealing certificates, for a worker started in another process. */
  sealKey: Buffer;
  /** Everything the app logged, to check that no secret reaches the logs. */
  logs: string[];
}

/** The real stack with the certificate store, its activities, the directory and the certificates API. */
export async function startCertificateStack(
  o: { remindBeforeMs?: number[]; noWorker?: boolean } = {},
): Promise<CertificateStack> {
  const smtp = await startMailCatcher();
  const { db, file, env } = await createTestDb();
  const sealKey = crypto.randomBytes(32);
  const certificates = testCertificateStore(db, sealKey);
  const tokenSecret = 'x'.repeat(32);
  const config: Config = {
    ...defaultConfig,
    mail: { smtpUrl: smtp.url, from: 'Vínculo <no-reply@vinculo.test>', publicUrl: 'http://vinculo.test' },
    processes: {
      ...defaultConfig.processes,
      onboarding: { resendDelaysMs: [3_600_000], expireAfterMs: 3_600_000 },
      officeLink: testOfficeLinkTiming({}),
      certificates: { remindBeforeMs: o.remindBeforeMs ?? [30 * 86_400_000] },
    },
  };
  // The renewal activities need no other process woken.
  const notify = async () => {};
  const activities = createActivities({ db, ...composeActivityDeps(config, { tokenSecret, certificates, notify }) });
  const logs: string[] = [];
  const stack = await startStack({
    db,
    dbEnv: env,
    activities,
    noWorker: o.noWorker,
    config,
    tokenSecret,
    certificates,
    authenticate: openAccess,
    log: (m, e) => logs.push(`${m} ${String(e)}`),
  });
  return {
    ...stack,
    smtp,
    store: certificates,
    service: stack.services.certificates,
    dbFile: file,
    sealKey,
    logs,
    async stop() {
      await stack.stop();
      await smtp.stop();
      await db.destroy();
    },
  };
}
