// The one place for shared limits and default settings. Pure data that imports nothing: machines,
// workflows, the server, activities and the console all import it. Environment variables
// (server/config.ts) override the defaults; nothing else restates them.

/** The languages of the console, the portal and the e-mails; the first is the default. */
export const locales = ['pt-BR', 'en', 'fr'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'pt-BR';
export const isLocale = (l: string): l is Locale => (locales as readonly string[]).includes(l);

/** The most instances one bulk nudge may name (the console's "Select all" takes as many). */
export const bulkLimit = 1000;

const day = 86_400_000;
const hour = 3_600_000;

const httpPort = 3000;

/**
 * Defaults of every setting that has one: the one table, read by server/config.ts, which resolves
 * each against the variable named beside it and passes the result down. Nothing else restates them.
 */
export const defaults = {
  dataDir: 'data', // DATA_DIR, under the project's folder
  httpPort, // HTTP_PORT
  httpHost: '127.0.0.1', // HTTP_HOST
  publicUrl: `http://localhost:${httpPort}`, // PUBLIC_URL
  trustProxy: 'false', // TRUST_PROXY
  sessionTtlHours: 12, // SESSION_TTL_HOURS
  failedLoginWindowSeconds: 60, // FAILED_LOGIN_WINDOW_SECONDS
  temporalNamespace: 'default', // TEMPORAL_NAMESPACE
  temporalTaskQueue: 'vinculo', // TEMPORAL_TASK_QUEUE
  temporalDevPort: 7233, // TEMPORAL_DEV_PORT
  temporalUiPort: 8233, // TEMPORAL_UI_PORT
  shutdownGraceSeconds: 10, // SHUTDOWN_GRACE_SECONDS
  // Below the shutdown grace, so a restart answers a person's waiting step instead of cutting it.
  portalStepWaitSeconds: 8, // PORTAL_STEP_WAIT_SECONDS
  passwordResetTtlMinutes: 60, // PASSWORD_RESET_TTL_MINUTES
  relayPollMs: 1000, // RELAY_POLL_MS
  alerts: 'on', // ALERTS
  alertDigestHour: 8, // ALERT_DIGEST_HOUR, UTC
  alertPollSeconds: 30, // ALERT_POLL_SECONDS
  logLevel: 'info', // LOG_LEVEL
  logFormat: 'text', // LOG_FORMAT
  metricsHost: '127.0.0.1', // METRICS_HOST
  startupCheckSeconds: 10, // STARTUP_CHECK_SECONDS
  mailFrom: 'Vínculo <no-reply@vinculo.localhost>', // MAIL_FROM
  tokenTtlHours: 24 * 14, // TOKEN_TTL_HOURS
  onboardingResendAfterDays: [3, 7], // ONBOARDING_RESEND_AFTER_DAYS, counted from the first send
  onboardingExpireAfterDays: 14, // ONBOARDING_EXPIRE_AFTER_DAYS
  agentOnlineWindowSeconds: 300, // AGENT_ONLINE_WINDOW_SECONDS
  officeLinkRecheckMinutes: 15, // OFFICE_LINK_RECHECK_MINUTES
  officeLinkRemindAfterDays: [3, 7], // OFFICE_LINK_REMIND_AFTER_DAYS, counted from the wait's start
  officeLinkExpireAfterDays: 14, // OFFICE_LINK_EXPIRE_AFTER_DAYS
  agentDisconnectedRemindMinutes: 60, // AGENT_DISCONNECTED_REMIND_MINUTES
  certificateReminderDays: [30, 15, 7, 1], // CERTIFICATE_REMINDER_DAYS, counted back from the expiry
  connectionReminderAfterDays: [2, 5], // CONNECTION_REMINDER_AFTER_DAYS, counted from the request
  connectionExpireAfterDays: 14, // CONNECTION_EXPIRE_AFTER_DAYS
  trialDays: 30, // TRIAL_DAYS
  trialRemindDaysBefore: [7, 1], // TRIAL_REMIND_DAYS_BEFORE, counted back from the trial's end
  cancelAfterBlockedDays: 60, // CANCEL_AFTER_BLOCKED_DAYS
  hiringRemindAfterDays: [3, 7], // HIRING_REMIND_AFTER_DAYS, counted from the first send
  hiringExpireAfterDays: 14, // HIRING_EXPIRE_AFTER_DAYS
  keyGraceHours: 0, // KEY_GRACE_HOURS: 0 stops a replaced key at once
  keyReminderBeforeHours: 24, // KEY_REMINDER_BEFORE_HOURS, counted back from the grace's end
} as const;

/**
 * How long a request waits, at most, for a process before answering what it knows (besides
 * portalStepWaitSeconds above). Each is below shutdownGraceSeconds, so its own end answers before a
 * restart would cut the connection; a shutdown ends them at once anyway (domain/waits.ts).
 */
export const requestWaitsMs = {
  /** An event delivered at once; past it the answer is "recorded" and the relay delivers it. */
  delivery: 8_000,
  /** A step in flight (a mail being recorded as sent) ending before the process's verdict on an event. */
  stepInFlight: 8_000,
  /** A portal link's process asked whether it still waits for the link's step; past it, unknown. */
  processProbe: 3_000,
  /** A connection's page opened while the mail that carried its link is still being recorded as sent. */
  mailBeingSent: 5_000,
  /** An office agent's connection re-checked ("try again"); past it, still checking. */
  connectionRecheck: 5_000,
  /** A contract's row showing what its process did with a change. */
  contractRow: 8_000,
  /** A certificate process finishing a short step before it takes an upload; past it, busy. */
  certificateUploadTaken: 8_000,
  /** An uploaded certificate's validation; past it, still pending. */
  certificateDecision: 8_000,
} as const;

/** Resend days counted from the first send become waits between sends; the expiry follows the last. */
export function onboardingTiming(resendDays: readonly number[], expireDays: number) {
  const marks = [0, ...resendDays];
  const resendDelaysMs = resendDays.map((d, i) => Math.round((d - (marks[i] ?? 0)) * day));
  const last = resendDays[resendDays.length - 1] ?? 0;
  return { resendDelaysMs, expireAfterMs: Math.max(1, Math.round((expireDays - last) * day)) };
}

export const defaultOnboardingTiming = onboardingTiming(
  defaults.onboardingResendAfterDays,
  defaults.onboardingExpireAfterDays,
);
export const defaultOfficeLinkTiming = { recheckAfterMs: defaults.officeLinkRecheckMinutes * 60_000 };

/** officeUserLink version 2: version 1's recheck, reminders and expiry like onboarding's, and connection health. */
export function officeLinkTiming(o: {
  recheckMinutes: number;
  remindDays: readonly number[];
  expireDays: number;
  heartbeatWindowSeconds: number;
  disconnectedRemindMinutes: number;
}) {
  const { resendDelaysMs, expireAfterMs } = onboardingTiming(o.remindDays, o.expireDays);
  return {
    recheckAfterMs: Math.round(o.recheckMinutes * 60_000),
    remindDelaysMs: resendDelaysMs,
    expireAfterMs,
    heartbeatWindowMs: Math.round(o.heartbeatWindowSeconds * 1000),
    disconnectedRemindAfterMs: Math.round(o.disconnectedRemindMinutes * 60_000),
  };
}

export const defaultOfficeLinkTimingV2 = officeLinkTiming({
  recheckMinutes: defaults.officeLinkRecheckMinutes,
  remindDays: defaults.officeLinkRemindAfterDays,
  expireDays: defaults.officeLinkExpireAfterDays,
  heartbeatWindowSeconds: defaults.agentOnlineWindowSeconds,
  disconnectedRemindMinutes: defaults.agentDisconnectedRemindMinutes,
});

/** Reminders counted back from the trial's end become waits between reminders; the end follows the last. */
export function contractTiming(trialDays: number, remindDaysBefore: readonly number[], cancelAfterBlockedDays: number) {
  const marks = remindDaysBefore
    .map((d) => trialDays - d)
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  const reminderDelaysMs = marks.map((d, i) =>
    Math.max(1, Math.round((d - (i === 0 ? 0 : (marks[i - 1] ?? 0))) * day)),
  );
  const last = marks[marks.length - 1] ?? 0;
  return {
    reminderDelaysMs,
    trialEndAfterMs: Math.max(1, Math.round((trialDays - last) * day)),
    cancelAfterBlockedMs: Math.max(1, Math.round(cancelAfterBlockedDays * day)),
  };
}

export const defaultContractTiming = contractTiming(
  defaults.trialDays,
  defaults.trialRemindDaysBefore,
  defaults.cancelAfterBlockedDays,
);

/** The hiring link reminds and expires on the same schedule shape as the onboarding e-mail. */
export const defaultHiringTiming = onboardingTiming(defaults.hiringRemindAfterDays, defaults.hiringExpireAfterDays);
/** Connection requests remind and expire like the onboarding: days from the request become waits. */
export function connectionTiming(reminderDays: readonly number[], expireDays: number) {
  const { resendDelaysMs, expireAfterMs } = onboardingTiming(reminderDays, expireDays);
  return { reminderDelaysMs: resendDelaysMs, expireAfterMs };
}

export const defaultConnectionTiming = connectionTiming(
  defaults.connectionReminderAfterDays,
  defaults.connectionExpireAfterDays,
);

/** A key rotation: how long the replaced key keeps working, and when before that its admins are reminded. */
export function keyRotationTiming(graceHours: number, reminderBeforeHours: number) {
  return { graceMs: Math.round(graceHours * hour), reminderBeforeMs: Math.round(reminderBeforeHours * hour) };
}

export const defaultKeyRotationTiming = keyRotationTiming(defaults.keyGraceHours, defaults.keyReminderBeforeHours);

/** Certificate reminders: days before the expiry become how long before it each one goes out. */
export function certificateTiming(reminderDays: readonly number[]) {
  return { remindBeforeMs: reminderDays.map((d) => Math.round(d * day)) };
}

export const defaultCertificateTiming = certificateTiming(defaults.certificateReminderDays);
