import path from 'node:path';
import { z } from 'zod';
import { alertDefaults, type AlertSettings } from '../domain/alerts/settings.js';
import type { PlanChangeTiming } from '../domain/services/planChanges.js';
import {
  certificateTiming,
  connectionTiming,
  contractTiming,
  defaults,
  keyRotationTiming,
  officeLinkTiming,
  onboardingTiming,
} from '../domain/settings.js';

/** Where the project keeps its local state by default (ignored by git). */
export const projectRoot = path.resolve(import.meta.dirname, '..');

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);

/** Days counted from a wait's start, strictly increasing, e.g. `3,7`. */
const increasingDays = (fallback: readonly number[]) =>
  z
    .string()
    .default(fallback.join(','))
    .transform((s) => s.split(',').map((d) => Number(d.trim())))
    .refine(
      (days) => days.every((d, i) => Number.isFinite(d) && d > 0 && (i === 0 || d > (days[i - 1] ?? 0))),
      'must be increasing positive day counts, e.g. 3,7',
    );

const schema = z.object({
  DATA_DIR: z.string().default(path.join(projectRoot, defaults.dataDir)),
  HTTP_PORT: port.default(defaults.httpPort),
  HTTP_HOST: z.string().default(defaults.httpHost),
  PUBLIC_URL: optionalString,
  // "false" (default), "true", a hop count, or addresses/subnets of the proxies (express "trust proxy").
  TRUST_PROXY: z
    .string()
    .trim()
    .default(defaults.trustProxy)
    .transform((s): boolean | number | string =>
      s === 'true' ? true : s === 'false' || s === '' ? false : /^\d+$/.test(s) ? Number(s) : s,
    ),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(defaults.sessionTtlHours),
  FAILED_LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(defaults.failedLoginWindowSeconds),
  DATABASE_URL: optionalString,
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().default(defaults.temporalNamespace),
  TEMPORAL_TASK_QUEUE: z.string().default(defaults.temporalTaskQueue),
  TEMPORAL_API_KEY: optionalString,
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  TEMPORAL_TLS_CERT: optionalString,
  TEMPORAL_TLS_KEY: optionalString,
  TEMPORAL_TLS_CA: optionalString,
  TEMPORAL_CLI: optionalString,
  TEMPORAL_DEV_PORT: port.default(defaults.temporalDevPort),
  TEMPORAL_UI_PORT: port.default(defaults.temporalUiPort),
  TEMPORAL_UI_URL: optionalString,
  PAYLOAD_KEYS: optionalString,
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(defaults.shutdownGraceSeconds),
  PORTAL_STEP_WAIT_SECONDS: z.coerce.number().min(0).max(120).default(defaults.portalStepWaitSeconds),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().positive().max(1440).default(defaults.passwordResetTtlMinutes),
  RELAY_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(defaults.relayPollMs),
  ALERTS: z.enum(['on', 'off']).default(defaults.alerts),
  ALERT_DIGEST_TO: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((a) => /^[^\s@]+@[^\s@]+$/.test(a)), 'must be comma-separated e-mail addresses'),
  ALERT_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(defaults.alertDigestHour),
  ALERT_WEBHOOK_URL: optionalString.refine((u) => u === undefined || /^https?:\/\//.test(u), 'must be an http(s) URL'),
  ALERT_WEBHOOK_SECRET: optionalString,
  ALERT_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(defaults.alertPollSeconds),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default(defaults.logLevel),
  LOG_FORMAT: z.enum(['text', 'json']).default(defaults.logFormat),
  METRICS_TOKEN: optionalString.refine((s) => s === undefined || s.length >= 16, 'must be at least 16 characters'),
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().default(defaults.metricsHost),
  TEMPORAL_METRICS_BIND: optionalString.refine(
    (s) => s === undefined || /^[^:\s]+:\d{1,5}$/.test(s),
    'must be host:port, e.g. 127.0.0.1:9464',
  ),
  WORKER_HEALTH_PORT: port.optional(),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().positive().optional(),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().optional(),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  STARTUP_CHECK_SECONDS: z.coerce.number().positive().max(120).default(defaults.startupCheckSeconds),
  SMTP_URL: optionalString,
  MAIL_FROM: z.string().trim().min(3).default(defaults.mailFrom),
  TOKEN_SECRET: optionalString.refine((s) => s === undefined || s.length >= 32, 'must be at least 32 characters'),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(defaults.tokenTtlHours),
  ONBOARDING_RESEND_AFTER_DAYS: increasingDays(defaults.onboardingResendAfterDays),
  ONBOARDING_EXPIRE_AFTER_DAYS: z.coerce.number().positive().default(defaults.onboardingExpireAfterDays),
  AGENT_ONLINE_WINDOW_SECONDS: z.coerce.number().int().positive().default(defaults.agentOnlineWindowSeconds),
  OFFICE_LINK_RECHECK_MINUTES: z.coerce.number().positive().default(defaults.officeLinkRecheckMinutes),
  CERTIFICATE_KEYS: optionalString,
  CERTIFICATE_REMINDER_DAYS: z
    .string()
    .default(defaults.certificateReminderDays.join(','))
    .transform((s) => s.split(',').map((d) => Number(d.trim())))
    .refine(
      (days) => days.length > 0 && days.every((d) => Number.isFinite(d) && d > 0),
      'must be positive day counts, e.g. 30,15,7,1',
    ),
  OFFICE_LINK_REMIND_AFTER_DAYS: increasingDays(defaults.officeLinkRemindAfterDays),
  OFFICE_LINK_EXPIRE_AFTER_DAYS: z.coerce.number().positive().default(defaults.officeLinkExpireAfterDays),
  AGENT_DISCONNECTED_REMIND_MINUTES: z.coerce.number().positive().default(defaults.agentDisconnectedRemindMinutes),
  TRIAL_DAYS: z.coerce.number().positive().default(defaults.trialDays),
  TRIAL_REMIND_DAYS_BEFORE: z
    .string()
    .default(defaults.trialRemindDaysBefore.join(','))
    .transform((s) => (s.trim() === '' ? [] : s.split(',').map((d) => Number(d.trim()))))
    .refine((days) => days.every((d) => Number.isFinite(d) && d > 0), 'must be positive day counts, e.g. 7,1'),
  HIRING_REMIND_AFTER_DAYS: z
    .string()
    .default(defaults.hiringRemindAfterDays.join(','))
    .transform((s) => s.split(',').map((d) => Number(d.trim())))
    .refine(
      (days) => days.every((d, i) => Number.isFinite(d) && d > 0 && (i === 0 || d > (days[i - 1] ?? 0))),
      'must be increasing positive day counts, e.g. 3,7',
    ),
  HIRING_EXPIRE_AFTER_DAYS: z.coerce.number().positive().default(defaults.hiringExpireAfterDays),
  KEY_GRACE_HOURS: z.coerce.number().min(0).default(defaults.keyGraceHours),
  KEY_REMINDER_BEFORE_HOURS: z.coerce.number().min(0).default(defaults.keyReminderBeforeHours),
  CANCEL_AFTER_BLOCKED_DAYS: z.coerce.number().positive().default(defaults.cancelAfterBlockedDays),
  CONNECTION_REMINDER_AFTER_DAYS: z
    .string()
    .default(defaults.connectionReminderAfterDays.join(','))
    .transform((s) => s.split(',').map((d) => Number(d.trim())))
    .refine(
      (days) => days.every((d, i) => Number.isFinite(d) && d > 0 && (i === 0 || d > (days[i - 1] ?? 0))),
      'must be increasing positive day counts, e.g. 2,5',
    ),
  CONNECTION_EXPIRE_AFTER_DAYS: z.coerce.number().positive().default(defaults.connectionExpireAfterDays),
});

export type Config = ReturnType<typeof loadConfig>;

/** Reads and validates the environment once; fails fast with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const c = parsed.data;
  const embeddedTemporal = c.TEMPORAL_ADDRESS === undefined;
  const temporalAddress = c.TEMPORAL_ADDRESS ?? `127.0.0.1:${c.TEMPORAL_DEV_PORT}`;
  return {
    dataDir: c.DATA_DIR,
    http: {
      port: c.HTTP_PORT,
      host: c.HTTP_HOST,
      publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.HTTP_PORT}`,
      trustProxy: c.TRUST_PROXY,
      /** Console sessions end after this long without a request (sliding). */
      sessionTtlMs: Math.round(c.SESSION_TTL_HOURS * 3_600_000),
      /** Failed log-ins are audited one by one up to a bound per window of this length, then counted. */
      failedLoginWindowMs: c.FAILED_LOGIN_WINDOW_SECONDS * 1000,
    },
    database: c.DATABASE_URL
      ? ({ kind: 'postgres', url: c.DATABASE_URL } as const)
      : ({ kind: 'sqlite', filename: path.join(c.DATA_DIR, 'vinculo.sqlite') } as const),
    temporal: {
      embedded: embeddedTemporal,
      address: temporalAddress,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue: c.TEMPORAL_TASK_QUEUE,
      apiKey: c.TEMPORAL_API_KEY,
      tls: c.TEMPORAL_TLS === 'true' || c.TEMPORAL_API_KEY !== undefined || c.TEMPORAL_TLS_CERT !== undefined,
      tlsCertPath: c.TEMPORAL_TLS_CERT,
      tlsKeyPath: c.TEMPORAL_TLS_KEY,
      tlsCaPath: c.TEMPORAL_TLS_CA,
      cliPath: c.TEMPORAL_CLI,
      devServer: {
        port: c.TEMPORAL_DEV_PORT,
        uiPort: c.TEMPORAL_UI_PORT,
        dbFile: path.join(c.DATA_DIR, 'temporal.sqlite'),
      },
      uiUrl: c.TEMPORAL_UI_URL ?? (embeddedTemporal ? `http://localhost:${c.TEMPORAL_UI_PORT}` : undefined),
      /** `id:base64` keys encrypting every payload; generated under data/ on the embedded default. */
      payloadKeys: c.PAYLOAD_KEYS,
    },
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT,
    /** /metrics: on METRICS_PORT (its own listener) and/or behind METRICS_TOKEN; absent with neither. */
    metrics: {
      token: c.METRICS_TOKEN,
      port: c.METRICS_PORT,
      host: c.METRICS_HOST,
      /** Where the Temporal SDK's runtime serves its own Prometheus metrics (task latencies, slots, polls). */
      temporalBind: c.TEMPORAL_METRICS_BIND,
    },
    /** A worker-only process's /health and /ready listener. */
    workerHealthPort: c.WORKER_HEALTH_PORT,
    /** The worker's slots and sticky cache; the SDK's defaults where unset (see docs/deployment.md). */
    workerTuning: {
      maxConcurrentWorkflowTaskExecutions: c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      maxConcurrentActivityTaskExecutions: c.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxCachedWorkflows: c.WORKER_MAX_CACHED_WORKFLOWS,
    },
    /** How long start-up waits for the database and Temporal before it gives up with a message. */
    startupCheckMs: Math.round(c.STARTUP_CHECK_SECONDS * 1000),
    /** After SIGTERM, how long in-flight HTTP requests and running activities may take to finish. */
    shutdownGraceMs: Math.round(c.SHUTDOWN_GRACE_SECONDS * 1000),
    /** How long a portal step waits for its process before answering 202 "recorded, will be applied". */
    portalStepWaitMs: Math.round(c.PORTAL_STEP_WAIT_SECONDS * 1000),
    /** How long a mailed password-reset link works. */
    passwordResetTtlMs: Math.round(c.PASSWORD_RESET_TTL_MINUTES * 60_000),
    /** Alerts of stuck processes: digest and webhook (domain/alerts). */
    alerts: {
      ...alertDefaults,
      enabled: c.ALERTS === 'on',
      digestTo: c.ALERT_DIGEST_TO,
      digestHour: c.ALERT_DIGEST_HOUR,
      webhookUrl: c.ALERT_WEBHOOK_URL,
      webhookSecret: c.ALERT_WEBHOOK_SECRET,
      pollMs: Math.round(c.ALERT_POLL_SECONDS * 1000),
    } satisfies AlertSettings,
    /** How often the event relay looks for queued events to deliver. */
    relayPollMs: c.RELAY_POLL_MS,
    mail: {
      smtpUrl: c.SMTP_URL,
      from: c.MAIL_FROM,
      publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.HTTP_PORT}`,
    },
    /** Explicit secret, or undefined: then one is generated once and kept in DATA_DIR (see tokenSecret.ts). */
    tokenSecret: c.TOKEN_SECRET,
    tokenTtlMs: Math.round(c.TOKEN_TTL_HOURS * 3_600_000),
    processes: {
      onboarding: onboardingTiming(c.ONBOARDING_RESEND_AFTER_DAYS, c.ONBOARDING_EXPIRE_AFTER_DAYS),
      officeLink: officeLinkTiming({
        recheckMinutes: c.OFFICE_LINK_RECHECK_MINUTES,
        remindDays: c.OFFICE_LINK_REMIND_AFTER_DAYS,
        expireDays: c.OFFICE_LINK_EXPIRE_AFTER_DAYS,
        heartbeatWindowSeconds: c.AGENT_ONLINE_WINDOW_SECONDS,
        disconnectedRemindMinutes: c.AGENT_DISCONNECTED_REMIND_MINUTES,
      }),
      connection: connectionTiming(c.CONNECTION_REMINDER_AFTER_DAYS, c.CONNECTION_EXPIRE_AFTER_DAYS),
      agentOnlineWindowMs: c.AGENT_ONLINE_WINDOW_SECONDS * 1000,
      certificates: certificateTiming(c.CERTIFICATE_REMINDER_DAYS),
      hiring: onboardingTiming(c.HIRING_REMIND_AFTER_DAYS, c.HIRING_EXPIRE_AFTER_DAYS),
      keyRotation: keyRotationTiming(c.KEY_GRACE_HOURS, c.KEY_REMINDER_BEFORE_HOURS),
      contract: contractTiming(c.TRIAL_DAYS, c.TRIAL_REMIND_DAYS_BEFORE, c.CANCEL_AFTER_BLOCKED_DAYS),
      /** A change "at the next billing date" waits for the account's calendar; nothing to configure. */
      planChange: {} as PlanChangeTiming,
    },
    /** `id:base64` keys sealing certificates at rest; generated under data/ on the embedded default. */
    certificateKeys: c.CERTIFICATE_KEYS,
  };
}
