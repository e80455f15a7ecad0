import { onTestFinished } from 'vitest';
import type { EventRelay } from '../../server/temporal/relay.js';
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import request from 'supertest';
import { createActivities } from '../../activities/index.js';
import { registerIdentity } from '../../domain/directory/identities.js';
import type { ContractInput } from '../../machines/clientContract.schema.js';
import type { HiringInput } from '../../machines/clientHiring.schema.js';
import type { OnboardingInput } from '../../machines/clientUserOnboarding.machine.js';
import type { OfficeUserLinkV2Input } from '../../machines/officeUserLink.v2.machine.js';
import type { ConnectionInput } from '../../machines/connectionRequest.machine.js';
import { openAccess } from '../../server/auth/openAccess.js';
import { composeActivityDeps, type RouterDeps } from '../../server/compose.js';
import type { Config } from '../../server/config.js';
import { relayNotifier } from '../../server/temporal/notify.js';
import { startMailCatcher, type MailCatcher } from './mailCatcher.js';
import { randomCnpj } from './randomIds.js';
import { createTestDb, startStack, testCertificateStore, useStarted, type Stack, type StackOptions } from './stack.js';
import { defaultConfig } from './settings.js';

export interface DirectoryStackOptions {
  onboarding?: OnboardingInput['timing'];
  connection?: ConnectionInput['timing'];
  recheckAfterMs?: number;
  /** officeUserLink version 2's reminders, expiry and connection timers; long unless given. */
  officeLink?: Partial<OfficeUserLinkV2Input['timing']>;
  contract?: ContractInput['timing'];
  hiring?: HiringInput['timing'];
  keyRotation?: { graceMs: number; reminderBeforeMs: number };
  /** Wait before a plan change "at the next billing date" applies; the calendar's unless given. */
  billingDelayMs?: number;
  agentOnlineWindowMs?: number;
  /** No worker in this process (the test runs one elsewhere). */
  noWorker?: boolean;
  /** Another database (PostgreSQL) instead of a fresh SQLite file; the caller drops it. */
  db?: Knex;
  /** How another process opens that database (see TestDb.env). */
  dbEnv?: Record<string, string>;
  /** Another Temporal server than the run's shared one. */
  temporalAddress?: string;
  /** The worker's slots and sticky cache (see StackOptions). */
  workerTuning?: StackOptions['workerTuning'];
}

export interface DirectoryStack extends Stack {
  smtp: MailCatcher;
  tokenSecret: string;
  dbFile: string;
  /** The stack's parts and services, for apps composed differently over it (composeApp). */
  directoryDeps: RouterDeps;
}

const longTiming = { resendDelaysMs: [3_600_000], expireAfterMs: 3_600_000 };

/** The office-link timing a test stack starts processes with: an hour for anything not given. */
export function testOfficeLinkTiming(o: DirectoryStackOptions): OfficeUserLinkV2Input['timing'] {
  const hour = 3_600_000;
  return {
    recheckAfterMs: o.recheckAfterMs ?? hour,
    remindDelaysMs: [hour],
    expireAfterMs: hour,
    heartbeatWindowMs: hour,
    disconnectedRemindAfterMs: hour,
    ...o.officeLink,
  };
}

/** The real stack with the directory: SQLite, Temporal, a worker, SMTP on loopback, and the app with /api and /portal. */
export async function startDirectoryStack(o: DirectoryStackOptions = {}): Promise<DirectoryStack> {
  const smtp = await startMailCatcher();
  const { db, file, env } = o.db ? { db: o.db, file: '', env: o.dbEnv ?? {} } : await createTestDb();
  const tokenSecret = crypto.randomBytes(32).toString('hex');
  const certificates = testCertificateStore(db);
  const hour = 3_600_000;
  // The server's configuration with the test's timers: an hour for anything the test leaves out.
  const config: Config = {
    ...defaultConfig,
    mail: { smtpUrl: smtp.url, from: 'Vínculo <no-reply@vinculo.test>', publicUrl: 'http://vinculo.test' },
    tokenTtlMs: hour,
    relayPollMs: 200,
    processes: {
      ...defaultConfig.processes,
      onboarding: o.onboarding ?? longTiming,
      officeLink: testOfficeLinkTiming(o),
      hiring: o.hiring ?? longTiming,
      keyRotation: o.keyRotation ?? defaultConfig.processes.keyRotation,
      planChange: { billingDelayMs: o.billingDelayMs },
      contract: o.contract ?? { reminderDelaysMs: [hour], trialEndAfterMs: hour, cancelAfterBlockedMs: hour },
      connection: o.connection ?? { reminderDelaysMs: [hour], expireAfterMs: hour },
      agentOnlineWindowMs: o.agentOnlineWindowMs ?? 60_000,
    },
  };
  // The notifier needs the relay, which needs the stack's client: built once the worker (and its activities) are.
  const ref: { relay?: EventRelay } = {};
  const notify = (eventId: string) => relayNotifier(ref.relay!)(eventId);
  const activities = createActivities({ db, ...composeActivityDeps(config, { tokenSecret, certificates, notify }) });
  const stack = await startStack({
    db,
    dbEnv: env,
    activities,
    noWorker: o.noWorker,
    temporalAddress: o.temporalAddress,
    workerTuning: o.workerTuning,
    config,
    tokenSecret,
    certificates,
    authenticate: openAccess,
    log: (m, e) => console.error(m, e),
  });
  ref.relay = stack.relay;
  stack.relay.start();
  return {
    ...stack,
    smtp,
    tokenSecret,
    dbFile: file,
    directoryDeps: { ...stack.parts, services: stack.services },
    async stop() {
      await stack.stop();
      await smtp.stop();
      if (!o.db) await db.destroy();
    },
  };
}

export { randomCnpj, randomCpf, randomEmail } from './randomIds.js';

/** An office and one client company of it, through the API. */
export async function createOfficeWithCompany(app: DirectoryStack['app'], name = 'Escritório') {
  const office = await request(app).post('/api/offices').send({ name, cnpj: randomCnpj() }).expect(201);
  const company = await request(app)
    .post('/api/companies')
    .send({ officeId: office.body.id, name: `${name} Cliente`, cnpj: randomCnpj() })
    .expect(201);
  return { officeId: office.body.id as string, companyId: company.body.id as string };
}

/** A platform account that already exists (registered elsewhere), directly in the directory. */
export const existingAccount = (db: Knex, email: string, password: string) => registerIdentity(db, email, password);

/** One directory stack for a test file or a describe block (see useStarted). */
export const useDirectoryStack = (o: DirectoryStackOptions = {}): DirectoryStack =>
  useStarted(() => startDirectoryStack(o));

/**
 * A stack of the running test's own, for options that differ from test to test; it is stopped
 * when the test ends, passed or failed. Call it inside a test.
 */
export async function directoryStackForTest(o: DirectoryStackOptions = {}): Promise<DirectoryStack> {
  const stack = await startDirectoryStack(o);
  onTestFinished(() => stack.stop());
  return stack;
}
