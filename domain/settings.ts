// The one place for shared limits and default settings. Pure data: machines, workflows, the
// server, activities and the console all import it. Environment variables (server/config.ts)
// override the defaults; nothing else restates them.

/** The languages of the console, the portal and the e-mails; the first is the default. */
export const locales = ['pt-BR', 'en', 'fr'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'pt-BR';
export const isLocale = (l: string): l is Locale => (locales as readonly string[]).includes(l);

/** The most instances one bulk nudge may name (the console's "Select all" takes as many). */
export const bulkLimit = 1000;

const day = 86_400_000;

/** Defaults of every setting that has one; each is overridable by the variable named beside it. */
export const defaults = {
  mailFrom: 'Vínculo <no-reply@vinculo.localhost>', // MAIL_FROM
  publicUrl: 'http://localhost:3000', // PUBLIC_URL
  tokenTtlHours: 24 * 14, // TOKEN_TTL_HOURS
  onboardingResendAfterDays: [3, 7], // ONBOARDING_RESEND_AFTER_DAYS, counted from the first send
  onboardingExpireAfterDays: 14, // ONBOARDING_EXPIRE_AFTER_DAYS
  agentOnlineWindowSeconds: 300, // AGENT_ONLINE_WINDOW_SECONDS
  officeLinkRecheckMinutes: 15, // OFFICE_LINK_RECHECK_MINUTES
  connectionReminderAfterDays: [2, 5], // CONNECTION_REMINDER_AFTER_DAYS, counted from the request
  connectionExpireAfterDays: 14, // CONNECTION_EXPIRE_AFTER_DAYS
  sessionTtlHours: 12, // SESSION_TTL_HOURS
  shutdownGraceSeconds: 10, // SHUTDOWN_GRACE_SECONDS
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

/** Connection requests remind and expire like the onboarding: days from the request become waits. */
export function connectionTiming(reminderDays: readonly number[], expireDays: number) {
  const { resendDelaysMs, expireAfterMs } = onboardingTiming(reminderDays, expireDays);
  return { reminderDelaysMs: resendDelaysMs, expireAfterMs };
}

export const defaultConnectionTiming = connectionTiming(
  defaults.connectionReminderAfterDays,
  defaults.connectionExpireAfterDays,
);
