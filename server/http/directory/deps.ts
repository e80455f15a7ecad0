import type { Knex } from 'knex';
import type { OnboardingInput } from '../../../machines/clientUserOnboarding.machine.js';
import type { OfficeUserLinkInput } from '../../../machines/officeUserLink.machine.js';
import type { MailSettings } from '../../../domain/mail/outbox.js';
import type { AuditLog } from '../../audit/auditLog.js';
import type { InstanceService } from '../../temporal/instances.js';
import { AppError } from '../errors.js';
import { DomainError } from '../../../domain/errors.js';

/** What the directory resources and the portal need: the database, processes, and timing. */
export interface DirectoryDeps {
  db: Knex;
  instances: InstanceService;
  timing: { onboarding: OnboardingInput['timing']; officeLink: OfficeUserLinkInput['timing'] };
  tokenSecret: string;
  /** Where operator changes are recorded. */
  audit: AuditLog;
  /** For resending a message from the outbox. */
  mail: MailSettings;
}

export const nowIso = () => new Date().toISOString();

/** Sends an event to a process that may have ended meanwhile: a refusal is fine, other errors are not. */
export async function sendIfAccepted(
  instances: InstanceService,
  id: string,
  event: { type: string },
  actor: string,
  reason?: string,
): Promise<boolean> {
  try {
    await instances.send(id, { event, actor, reason });
    return true;
  } catch (err) {
    if (err instanceof DomainError && (err.kind === 'conflict' || err.kind === 'not_found')) return false;
    throw err;
  }
}

/** A conflict the caller can fix (duplicate e-mail, second manager, …). */
export const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(409, code, message, details);

export const asBool = (v: unknown) => v === true || v === 1 || v === '1';
