import type { Knex } from 'knex';
import { resolveCertificateKeys, CertificateSealer } from '../domain/certificates/sealer.js';
import { CertificateStore } from '../domain/certificates/store.js';
import type { Config } from './config.js';
import { log } from './log.js';

/** The sealed certificate store, with the key from CERTIFICATE_KEYS or the one kept in DATA_DIR. */
export const certificateStoreFor = (config: Config, db: Knex) =>
  new CertificateStore(
    db,
    new CertificateSealer(resolveCertificateKeys(config.certificateKeys, config.dataDir, (m) => log.warn(m))),
  );
