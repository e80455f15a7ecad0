import { afterAll, beforeAll } from 'vitest';
import { EventRelay } from '../../server/temporal/relay.js';
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { Router } from 'express';
import request from 'supertest';
import { createActivities } from '../../activities/index.js';
import { registerIdentity } from '../../domain/directory/identities.js';
import type { ContractInput } from '../../machines/clientContract.schema.js';
import type { HiringInput } from '../../machines/clientHiring.schema.js';
import type { OnboardingInput } from '../../machines/clientUserOnboarding.machine.js';
import type { OfficeUserLinkV2Input } from '../../machines/officeUserLink.v2.machine.js';
import type { ConnectionInput } from '../../machines/connectionRequest.machine.js';
import { openAccess } from '../../server/auth/openAccess.js';
import { AuditLog } from '../../server/audit/auditLog.js';
import { createApp } from '../../server/http/app.js';
import { agentHeartbeatRouter } from '../../server/http/directory/agents.js';
import { directoryRouters, type DirectoryDeps } from '../../server/http/directory/index.js';
import { integrationRouter } from '../../server/http/accounts/accounts.js';
import { hiringPortalRouter } from '../../server/portal/hiring.js';
import { portalWithConnections } from '../../server/portal/connections.js';
import { portalAccountRouter } from '../../server/portal/account.js';
import { portalAccountsRouter } from '../../server/portal/officeAccounts.js';
import { relayNotifier } from '../../server/temporal/notify.js';
import { startMailCatcher, type MailCatcher } from './mailCatcher.js';
import { randomCnpj } from './randomIds.js';
import { createTestDb, startStack, type Stack, type StackOptions } from './stack.js';
import { testRegistry } from './registry.js';
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
  app: ReturnType<typeof createApp>;
  smtp: MailCatcher;
  tokenSecret: string;
  dbFile: string;
  /** What the directory routers were built with, for apps that mount them differently. */
  directoryDeps: DirectoryDeps & { relay: EventRelay };
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
  // The notifier needs the relay, which needs the stack's client: built once the worker (and its activities) are.
  const ref: { relay?: EventRelay } = {};
  const notify = (eventId: string) => relayNotifier(ref.relay!)(eventId);
  const mail = { smtpUrl: smtp.url, from: 'Vínculo <no-reply@vinculo.test>', publicUrl: 'http://vinculo.test' };
  const activities = createActivities({
    db,
    mail,
    tokenSecret,
    tokenTtlMs: 3_600_000,
    notify,
    agentOnlineWindowMs: o.agentOnlineWindowMs ?? 60_000,
  });
  const stack = await startStack({
    db,
    dbEnv: env,
    activities,
    noWorker: o.noWorker,
    temporalAddress: o.temporalAddress,
    workerTuning: o.workerTuning,
  });
  const deps: DirectoryDeps & { relay: EventRelay } = {
    db,
    instances: stack.instances,
    tokenSecret,
    audit: new AuditLog(db),
    mail,
    timing: {
      onboarding: o.onboarding ?? longTiming,
      officeLink: testOfficeLinkTiming(o),
      hiring: o.hiring ?? longTiming,
      keyRotation: o.keyRotation ?? defaultConfig.processes.keyRotation,
      planChange: { billingDelayMs: o.billingDelayMs },
      contract: o.contract ?? {
        reminderDelaysMs: [3_600_000],
        trialEndAfterMs: 3_600_000,
        cancelAfterBlockedMs: 3_600_000,
      },
      connection: o.connection ?? { reminderDelaysMs: [3_600_000], expireAfterMs: 3_600_000 },
    },
    relay: new EventRelay({ db, client: stack.client, pollMs: 200 }),
  };
  ref.relay = deps.relay;
  deps.relay.start();
  const { portalStepWaitMs: stepWaitMs, http } = defaultConfig;
  const portalSessionTtlMs = http.sessionTtlMs;
  const app = createApp({
    db,
    registry: testRegistry,
    instances: stack.instances,
    version: 'test',
    authenticate: openAccess,
    publicRouters: [agentHeartbeatRouter(deps)],
    temporalOk: async () => true,
    log: (m, e) => console.error(m, e),
    routers: directoryRouters(deps),
    integration: integrationRouter(deps),
    portal: Router().use(
      hiringPortalRouter(deps),
      portalWithConnections({ ...deps, stepWaitMs, portalSessionTtlMs }),
      portalAccountRouter(deps, { sessionTtlMs: portalSessionTtlMs, resetTtlMs: defaultConfig.passwordResetTtlMs }),
      portalAccountsRouter({ ...deps, portalSessionTtlMs }),
    ),
    processTiming: deps.timing,
  });
  return {
    ...stack,
    app,
    smtp,
    tokenSecret,
    dbFile: file,
    directoryDeps: deps,
    async stop() {
      await deps.relay.stop();
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

/**
 * One stack for a test file: started before its tests, stopped after them. The stack answers
 * once started, so use it inside tests and hooks, not at the top of the file.
 */
export function useDirectoryStack(o: DirectoryStackOptions = {}): DirectoryStack {
  let stack: DirectoryStack | undefined;
  beforeAll(async () => {
    stack = await startDirectoryStack(o);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return new Proxy({} as DirectoryStack, {
    get(_target, key) {
      if (!stack) throw new Error('The stack starts before the tests: use it inside a test or a hook.');
      return Reflect.get(stack, key) as unknown;
    },
  });
}
