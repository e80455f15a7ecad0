// A worker in its own process, so a test can kill it with SIGKILL and start another, on the test's
// database (DB_FILE, or DATABASE_URL on PostgreSQL). With SMTP_URL and TOKEN_SECRET it also runs
// the directory and mail activities.
import { NativeConnection } from '@temporalio/worker';
import { openDb } from '../../server/db/index.js';
import { createWorker } from '../../server/temporal/worker.js';
import './quietRuntime.js';
import { testCodec } from './codec.js';
import { testWorkerTuning } from './workerTuning.js';
import { createProbeActivities } from './probeActivities.js';
import { CertificateSealer } from '../../domain/certificates/sealer.js';
import { CertificateStore } from '../../domain/certificates/store.js';

const need = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const smtpUrl = process.env.SMTP_URL;
const connection = await NativeConnection.connect({ address: need('TEMPORAL_ADDRESS') });
const db = process.env.DATABASE_URL
  ? openDb({ kind: 'postgres', url: process.env.DATABASE_URL })
  : openDb({ kind: 'sqlite', filename: need('DB_FILE') });
const worker = await createWorker({
  connection,
  namespace: 'default',
  taskQueue: need('TASK_QUEUE'),
  db,
  workflowBundle: { codePath: need('BUNDLE_PATH') },
  payloadCodec: testCodec,
  activities: createProbeActivities().activities,
  tuning: testWorkerTuning(),
  activityDeps: smtpUrl
    ? {
        mail: { smtpUrl, from: 'Vínculo <no-reply@vinculo.test>', publicUrl: 'http://vinculo.test' },
        tokenSecret: need('TOKEN_SECRET'),
        tokenTtlMs: 3_600_000,
        // With CERTIFICATE_KEY (base64) it runs the certificate renewal activities too.
        certificates: process.env.CERTIFICATE_KEY
          ? new CertificateStore(
              db,
              new CertificateSealer([{ id: 't', key: Buffer.from(process.env.CERTIFICATE_KEY, 'base64') }]),
            )
          : undefined,
      }
    : undefined,
});
const running = worker.run();
console.log('worker ready');
await running;
await db.destroy();
await connection.close();
