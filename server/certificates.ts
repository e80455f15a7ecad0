import type { Knex } from 'knex';
import { resolveCertificateKeys, CertificateSealer } from '../domain/certificates/sealer.js';
import { CertificateService } from '../domain/certificates/service.js';
import { CertificateStore } from '../domain/certificates/store.js';
import type { Config } from './config.js';
import { log } from './log.js';
import type { AuditLog } from './audit/auditLog.js';
import { certificatesRouter } from './http/certificates/index.js';
import { portalCertificateRouter } from './portal/certificates.js';
import type { InstanceService } from './temporal/instances.js';

/** The sealed certificate store, with the key from CERTIFICATE_KEYS or the one kept in DATA_DIR. */
export const certificateStoreFor = (config: Config, db: Knex) =>
  new CertificateStore(
    db,
    new CertificateSealer(resolveCertificateKeys(config.certificateKeys, config.dataDir, (m) => log.warn(m))),
  );

/** The certificates API for the console and the portal's "Certificado digital" tab, over one store. */
export function certificateRoutersFor(config: Config, deps: { db: Knex; instances: InstanceService; audit: AuditLog }) {
  const store = certificateStoreFor(config, deps.db);
  const remindBeforeMs = config.processes.certificates.remindBeforeMs;
  const service = new CertificateService({ db: deps.db, store, instances: deps.instances, remindBeforeMs });
  return {
    api: certificatesRouter({ service, store, audit: deps.audit }),
    portal: portalCertificateRouter({
      db: deps.db,
      service,
      audit: deps.audit,
      sessionTtlMs: config.http.sessionTtlMs,
    }),
  };
}
