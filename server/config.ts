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

const shape = {
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
};
const schema = z.object(shape);

/** The headings docs/configuration.md groups the variables under, in its order. */
export const configGroups = [
  'Server',
  'Storage',
  'Temporal',
  'Workers and the event relay',
  'Keys and secrets',
  'Mail and links',
  'Portal',
  'Alerts',
  'Logs and metrics',
  'Client onboarding',
  'Office users',
  'Certificates',
  'Accounts and contracts',
  'Hiring links',
  'Integration keys',
  'Connection requests',
] as const;

interface Described {
  group: (typeof configGroups)[number];
  meaning: string;
  /** How the default reads when it is not one value of the table (derived, generated, or the SDK's). */
  shown?: string;
}

/** What each variable is for: the name, group and meaning docs/configuration.md lists beside its default. */
const described: { [K in keyof typeof shape]: Described } = {
  DATA_DIR: {
    group: 'Storage',
    shown: `\`${defaults.dataDir}/\` in the project's folder`,
    meaning: 'Where the SQLite files, the keys generated on the embedded setup and the Temporal dev server live.',
  },
  HTTP_PORT: { group: 'Server', meaning: 'The port of the API, the console and the portal.' },
  HTTP_HOST: { group: 'Server', meaning: 'The address the HTTP server listens on; `0.0.0.0` for every interface.' },
  PUBLIC_URL: {
    group: 'Mail and links',
    shown: '`http://localhost:<HTTP_PORT>`',
    meaning:
      'The address people reach the server at: links in e-mails point there, and state-changing requests from that origin are accepted.',
  },
  TRUST_PROXY: {
    group: 'Server',
    meaning:
      'Which proxies in front of the server to believe (express "trust proxy"): `true`, a hop count, or their addresses or subnets; lets `Secure` cookies and client addresses see through a TLS-terminating proxy.',
  },
  SESSION_TTL_HOURS: {
    group: 'Server',
    meaning: 'Console and portal sessions end this long after their last request.',
  },
  FAILED_LOGIN_WINDOW_SECONDS: {
    group: 'Server',
    meaning:
      'Failed console log-ins are audited one by one up to a bound per window of this length; the rest of a window is counted in one entry.',
  },
  DATABASE_URL: {
    group: 'Storage',
    meaning: 'A PostgreSQL connection string; unset, the back-office database is `vinculo.sqlite` in `DATA_DIR`.',
  },
  TEMPORAL_ADDRESS: {
    group: 'Temporal',
    meaning:
      'A Temporal cluster (`host:port`); unset, `npm start` runs the embedded dev server on `TEMPORAL_DEV_PORT`.',
  },
  TEMPORAL_NAMESPACE: { group: 'Temporal', meaning: 'The Temporal namespace of every process.' },
  TEMPORAL_TASK_QUEUE: { group: 'Temporal', meaning: 'The task queue workers poll and processes start on.' },
  TEMPORAL_API_KEY: {
    group: 'Temporal',
    meaning: 'An API key for Temporal Cloud or a cluster that asks for one (turns TLS on).',
  },
  TEMPORAL_TLS: {
    group: 'Temporal',
    shown: 'on with `TEMPORAL_API_KEY` or `TEMPORAL_TLS_CERT`',
    meaning: '`true` to speak TLS to Temporal without a client certificate or key.',
  },
  TEMPORAL_TLS_CERT: { group: 'Temporal', meaning: 'The client certificate (PEM file) for mutual TLS; turns TLS on.' },
  TEMPORAL_TLS_KEY: { group: 'Temporal', meaning: "The client certificate's private key (PEM file)." },
  TEMPORAL_TLS_CA: {
    group: 'Temporal',
    meaning: "The CA (PEM file) that signs the server's certificate, when not a public one.",
  },
  TEMPORAL_CLI: {
    group: 'Temporal',
    shown: '`temporal` on `PATH`, then the cached build',
    meaning: 'The Temporal CLI that runs the embedded dev server.',
  },
  TEMPORAL_DEV_PORT: { group: 'Temporal', meaning: "The embedded dev server's port." },
  TEMPORAL_UI_PORT: { group: 'Temporal', meaning: "The embedded dev server's web UI port." },
  TEMPORAL_UI_URL: {
    group: 'Temporal',
    shown: '`http://localhost:<TEMPORAL_UI_PORT>` with the embedded dev server',
    meaning: 'The Temporal UI the console links each process to; its origin may call the payload codec (`/api/codec`).',
  },
  PAYLOAD_KEYS: {
    group: 'Keys and secrets',
    shown: 'generated in `DATA_DIR` with the embedded dev server; required with `TEMPORAL_ADDRESS`',
    meaning: '`id:base64` keys (comma-separated, the first encrypts) for every payload Temporal stores.',
  },
  SHUTDOWN_GRACE_SECONDS: {
    group: 'Server',
    meaning: 'After SIGTERM, how long in-flight requests and running activities may take to finish.',
  },
  PORTAL_STEP_WAIT_SECONDS: {
    group: 'Portal',
    meaning:
      'How long a person\'s portal step waits for its process before answering 202 "recorded, will be applied"; below `SHUTDOWN_GRACE_SECONDS`, so a restart answers it.',
  },
  PASSWORD_RESET_TTL_MINUTES: { group: 'Portal', meaning: 'How long a mailed password-reset link works.' },
  RELAY_POLL_MS: {
    group: 'Workers and the event relay',
    meaning: "How often each process's event relay looks for queued events to deliver.",
  },
  ALERTS: { group: 'Alerts', meaning: '`off`: stuck processes raise no alert and nothing is sent.' },
  ALERT_DIGEST_TO: {
    group: 'Alerts',
    shown: 'none',
    meaning: 'Comma-separated addresses of the daily digest of alerts; none, no digest.',
  },
  ALERT_DIGEST_HOUR: { group: 'Alerts', meaning: "The hour (UTC, 0–23) from which the day's digest goes out." },
  ALERT_WEBHOOK_URL: { group: 'Alerts', meaning: 'An http(s) address each alert is posted to.' },
  ALERT_WEBHOOK_SECRET: {
    group: 'Alerts',
    meaning: 'Signs each webhook body (HMAC-SHA256 in `X-Vinculo-Signature`).',
  },
  ALERT_POLL_SECONDS: { group: 'Alerts', meaning: 'How often the watcher looks for stuck processes.' },
  LOG_LEVEL: { group: 'Logs and metrics', meaning: '`debug`, `info`, `warn` or `error`.' },
  LOG_FORMAT: { group: 'Logs and metrics', meaning: '`text` for people, `json` for one object per line.' },
  METRICS_TOKEN: {
    group: 'Logs and metrics',
    meaning: 'A bearer token (16 characters or more) that opens `/metrics` on the HTTP port.',
  },
  METRICS_PORT: {
    group: 'Logs and metrics',
    meaning: 'A listener of its own for `/metrics` (behind `METRICS_TOKEN` when set); unset, no such listener.',
  },
  METRICS_HOST: { group: 'Logs and metrics', meaning: 'The address the `METRICS_PORT` listener binds.' },
  TEMPORAL_METRICS_BIND: {
    group: 'Logs and metrics',
    meaning: "`host:port` where a worker's Temporal SDK serves its own Prometheus metrics.",
  },
  WORKER_HEALTH_PORT: {
    group: 'Workers and the event relay',
    meaning: 'A worker-only process (`npm run worker`) serves `/health` and `/ready` on this port.',
  },
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: {
    group: 'Workers and the event relay',
    shown: "the Temporal SDK's",
    meaning: 'Workflow task slots of one worker (`maxConcurrentWorkflowTaskExecutions`).',
  },
  WORKER_MAX_CONCURRENT_ACTIVITIES: {
    group: 'Workers and the event relay',
    shown: "the Temporal SDK's",
    meaning: 'Activity slots of one worker (`maxConcurrentActivityTaskExecutions`).',
  },
  WORKER_MAX_CACHED_WORKFLOWS: {
    group: 'Workers and the event relay',
    shown: "the Temporal SDK's",
    meaning: 'Open processes one worker keeps in memory (`maxCachedWorkflows`).',
  },
  STARTUP_CHECK_SECONDS: {
    group: 'Server',
    meaning: 'How long start-up waits for the database and Temporal before it stops with a message.',
  },
  SMTP_URL: {
    group: 'Mail and links',
    meaning: 'Where e-mails are sent (`smtp://` or `smtps://`); unset, they are captured in the outbox and not sent.',
  },
  MAIL_FROM: { group: 'Mail and links', meaning: 'The sender of every e-mail.' },
  TOKEN_SECRET: {
    group: 'Keys and secrets',
    shown: 'generated in `DATA_DIR`',
    meaning: 'Signs the links in e-mails (32 characters or more); every server and worker needs the same.',
  },
  TOKEN_TTL_HOURS: { group: 'Mail and links', meaning: 'How long a registration or account-link link works.' },
  ONBOARDING_RESEND_AFTER_DAYS: {
    group: 'Client onboarding',
    meaning: 'When the registration e-mail is sent again, in days after the first send.',
  },
  ONBOARDING_EXPIRE_AFTER_DAYS: {
    group: 'Client onboarding',
    meaning: 'The registration expires this long after the first send.',
  },
  AGENT_ONLINE_WINDOW_SECONDS: {
    group: 'Office users',
    meaning: "An office's agent counts as online while its last heartbeat is this recent.",
  },
  OFFICE_LINK_RECHECK_MINUTES: {
    group: 'Office users',
    meaning: "How often a link waiting for the office's agent checks it again.",
  },
  CERTIFICATE_KEYS: {
    group: 'Keys and secrets',
    shown: 'generated in `DATA_DIR`',
    meaning: '`id:base64` keys (comma-separated, the first seals) for the certificates kept at rest.',
  },
  CERTIFICATE_REMINDER_DAYS: {
    group: 'Certificates',
    meaning: 'Reminders before a company\'s A1 certificate expires, in days; the longest starts "expiring soon".',
  },
  OFFICE_LINK_REMIND_AFTER_DAYS: {
    group: 'Office users',
    meaning: 'Reminders to an office user who has not linked yet, in days after the wait began.',
  },
  OFFICE_LINK_EXPIRE_AFTER_DAYS: {
    group: 'Office users',
    meaning: "An office user's link expires this long after the wait began.",
  },
  AGENT_DISCONNECTED_REMIND_MINUTES: {
    group: 'Office users',
    meaning: "The office's manager is told after a linked user's agent has been offline this long.",
  },
  TRIAL_DAYS: { group: 'Accounts and contracts', meaning: "The length of a new account's trial." },
  TRIAL_REMIND_DAYS_BEFORE: {
    group: 'Accounts and contracts',
    meaning: 'Reminders to the payer, in days before the trial ends; empty for none.',
  },
  HIRING_REMIND_AFTER_DAYS: {
    group: 'Hiring links',
    meaning: 'Reminders of a hiring link, in days after the first send.',
  },
  HIRING_EXPIRE_AFTER_DAYS: { group: 'Hiring links', meaning: 'A hiring link expires this long after the first send.' },
  KEY_GRACE_HOURS: {
    group: 'Integration keys',
    meaning: 'How long a replaced integration key keeps working; 0 stops it at once.',
  },
  KEY_REMINDER_BEFORE_HOURS: {
    group: 'Integration keys',
    meaning: "When, before a replaced key's grace ends, the company's admins are reminded.",
  },
  CANCEL_AFTER_BLOCKED_DAYS: {
    group: 'Accounts and contracts',
    meaning: 'A blocked account is cancelled after this long unless it is unblocked.',
  },
  CONNECTION_REMINDER_AFTER_DAYS: {
    group: 'Connection requests',
    meaning: 'Reminders to the side that must approve, in days after the request.',
  },
  CONNECTION_EXPIRE_AFTER_DAYS: {
    group: 'Connection requests',
    meaning: 'A connection request not approved expires this long after it was made.',
  },
};

/**
 * A default as a person sets it: the variable's own text (lists comma-separated). Read off the
 * schema, so the table cannot say another value than the one the server takes.
 */
function defaultOf(type: z.ZodType): string | undefined {
  if (type instanceof z.ZodDefault) {
    const value: unknown = type.def.defaultValue;
    return Array.isArray(value) ? value.join(',') : String(value);
  }
  if (type instanceof z.ZodPipe) return defaultOf(type.in as z.ZodType);
  if (type instanceof z.ZodOptional) return defaultOf(type.unwrap() as z.ZodType);
  return undefined;
}

export interface ConfigVariable extends Described {
  name: string;
  /** The default as docs/configuration.md shows it, in Markdown; undefined when there is none. */
  default: string | undefined;
}

/** Every variable of the schema with its group, default and meaning, in the schema's order. */
export const configVariables = (): ConfigVariable[] =>
  (Object.keys(shape) as Array<keyof typeof shape>).map((name) => {
    const d: Described = described[name];
    const value = defaultOf(shape[name]);
    return { name, ...d, default: d.shown ?? (value === undefined ? undefined : `\`${value}\``) };
  });

/** A variable read outside this schema, and where. */
export interface ReadElsewhere {
  name: string;
  /** The files that read it. */
  readBy: string[];
  meaning: string;
}

/**
 * Variables of tools beside the server (the cluster launcher, the demo, the chaos run, the
 * Temporal CLI's build): they configure a script, not the server, so they stay where they are
 * read. docs/configuration.md lists them; test/configuration.test.ts checks each is still read there.
 */
export const readElsewhere: ReadElsewhere[] = [
  {
    name: 'PATH',
    readBy: ['server/temporal/cli.ts', 'server/temporal/cluster.ts'],
    meaning: 'Where `temporal`, `temporal-server` and `temporal-sql-tool` are looked for.',
  },
  {
    name: 'GOFLAGS',
    readBy: ['server/temporal/cli.ts'],
    meaning: "Go's flags when the Temporal CLI is built from source (`-mod=mod` unless set).",
  },
  {
    name: 'TEMPORAL_SERVER_BIN',
    readBy: ['server/temporal/cluster.ts'],
    meaning: 'The Temporal server executable `npm run temporal:cluster` runs (with `TEMPORAL_SQL_TOOL`, or neither).',
  },
  {
    name: 'TEMPORAL_SQL_TOOL',
    readBy: ['server/temporal/cluster.ts'],
    meaning: "The `temporal-sql-tool` executable that sets up the cluster's schemas.",
  },
  {
    name: 'TEMPORAL_SCHEMA_DIR',
    readBy: ['server/temporal/cluster.ts'],
    meaning: "The PostgreSQL schema folders of the Temporal server; the Go module cache's otherwise.",
  },
  {
    name: 'TEMPORAL_CLUSTER_PG_URL',
    readBy: ['scripts/temporalCluster.ts'],
    meaning: "The PostgreSQL server holding the cluster's databases (`postgres://postgres@127.0.0.1:5432` unless set).",
  },
  {
    name: 'TEMPORAL_CLUSTER_DB',
    readBy: ['scripts/temporalCluster.ts'],
    meaning: "The cluster's database (`vinculo_temporal` unless set).",
  },
  {
    name: 'TEMPORAL_CLUSTER_VISIBILITY_DB',
    readBy: ['scripts/temporalCluster.ts'],
    meaning: "The cluster's visibility database (`vinculo_temporal_visibility` unless set).",
  },
  {
    name: 'TEMPORAL_CLUSTER_PORT',
    readBy: ['scripts/temporalCluster.ts'],
    meaning: "The cluster's frontend port (`7233` unless set).",
  },
  {
    name: 'DEMO_URL',
    readBy: ['scripts/demo.ts'],
    meaning: "The server `npm run demo` drives (`PUBLIC_URL`'s default unless set).",
  },
  {
    name: 'DEMO_MAX_WAIT_SECONDS',
    readBy: ['scripts/demo.ts'],
    meaning: 'The longest the demo waits for a process to expire (`180` unless set).',
  },
  {
    name: 'DEMO_EMAIL',
    readBy: ['scripts/demo/credentials.ts'],
    meaning: 'The operator the demo signs in as (with `DEMO_PASSWORD`); unset, a demo admin is created.',
  },
  { name: 'DEMO_PASSWORD', readBy: ['scripts/demo/credentials.ts'], meaning: "That operator's password." },
  {
    name: 'CHAOS_QUICK',
    readBy: ['scripts/chaos/options.ts'],
    meaning: '`1`: the chaos run at its CI size, like `--quick`.',
  },
  {
    name: 'CHAOS_PROCESSES',
    readBy: ['scripts/chaos/options.ts'],
    meaning: 'How many processes the chaos run drives (`--processes`).',
  },
  {
    name: 'CHAOS_KILL_EVERY_SECONDS',
    readBy: ['scripts/chaos/options.ts'],
    meaning: "Seconds between the chaos run's faults (`--kill-every`).",
  },
  {
    name: 'CHAOS_SETTLE_SECONDS',
    readBy: ['scripts/chaos/options.ts'],
    meaning: 'How long the chaos run waits for every process to settle (`--settle`).',
  },
  {
    name: 'CHAOS_WORKER_KILLS',
    readBy: ['scripts/chaos/options.ts'],
    meaning:
      "The chaos run's hard mode with at least this many worker kills, the worker SIGKILLed 2–8 s after each time it is ready until every process is final (`--worker-kills`).",
  },
];

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
