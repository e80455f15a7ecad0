import { testOfficeLinkTiming } from './directoryStack.js';
import crypto from 'node:crypto';
import { createActivities } from '../../activities/index.js';
import { CertificateSealer } from '../../domain/certificates/sealer.js';
import { CertificateService } from '../../domain/certificates/service.js';
import { CertificateStore } from '../../domain/certificates/store.js';
import { AuditLog } from '../../server/audit/auditLog.js';
import { openAccess } from '../../server/auth/openAccess.js';
import { createApp } from '../../server/http/app.js';
import { certificatesRouter } from '../../server/http/certificates/index.js';
import { directoryRouters } from '../../server/http/directory/index.js';
import { portalAccountRouter } from '../../server/portal/account.js';
import { portalCertificateRouter } from '../../server/portal/certificates.js';
import { Router } from 'express';
import { startMailCatcher, type MailCatcher } from './mailCatcher.js';
import { testRegistry } from './registry.js';
import { defaultConfig } from './settings.js';
import { createTestDb, startStack, type Stack } from './stack.js';

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
  const store = new CertificateStore(db, new CertificateSealer([{ id: 't', key: sealKey }]));
  const mail = { smtpUrl: smtp.url, from: 'Vínculo <no-reply@vinculo.test>', publicUrl: 'http://vinculo.test' };
  const activities = createActivities({ db, mail, certificates: store });
  const stack = await startStack({ db, dbEnv: env, activities, noWorker: o.noWorker });
  const audit = new AuditLog(db);
  const service = new CertificateService({
    db,
    store,
    instances: stack.instances,
    remindBeforeMs: o.remindBeforeMs ?? [30 * 86_400_000],
  });
  const logs: string[] = [];
  const timing = {
    ...defaultConfig.processes,
    onboarding: { resendDelaysMs: [3_600_000], expireAfterMs: 3_600_000 },
    officeLink: testOfficeLinkTiming({}),
  };
  const directory = { db, instances: stack.instances, tokenSecret: 'x'.repeat(32), audit, mail, timing };
  const app = createApp({
    db,
    registry: testRegistry,
    instances: stack.instances,
    version: 'test',
    authenticate: openAccess,
    temporalOk: async () => true,
    log: (m, e) => logs.push(`${m} ${String(e)}`),
    routers: [...directoryRouters(directory), certificatesRouter({ service, store, audit })],
    portal: Router().use(
      portalCertificateRouter({ db, service, audit, sessionTtlMs: defaultConfig.http.sessionTtlMs }),
      portalAccountRouter(directory, {
        sessionTtlMs: defaultConfig.http.sessionTtlMs,
        resetTtlMs: defaultConfig.passwordResetTtlMs,
      }),
    ),
  });
  return {
    ...stack,
    app,
    smtp,
    store,
    service,
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
