import { StepFailure, type StepContext } from '../../steps.js';
import type { Knex } from 'knex';
import { planRenewal, type LastReminder } from '../../certificates/plan.js';
import { renderReminder } from '../../certificates/mail/reminder.js';
import type { CertificateStore } from '../../certificates/store.js';
import type { CertificatePlan, ValidationResult } from '../../../machines/certificateRenewal.machine.js';
import { locales, type Locale } from '../../../machines/definition.js';
import { activityFailureTypes } from '../../../machines/failureTypes.js';
import { deliverOnce, type MailSettings } from '../../mail/outbox.js';

export interface CertificateStepDeps {
  db: Knex;
  /** Without it the certificate steps refuse to run (no key to open the store). */
  certificates?: CertificateStore;
  mail: MailSettings;
}

const day = 86_400_000;
const asLocale = (l: unknown): Locale => ((locales as readonly string[]).includes(String(l)) ? (l as Locale) : 'pt-BR');

/** The company's admins with portal access, then its office's active managers: where reminders go. */
async function reminderRecipients(db: Knex, companyId: string) {
  const company = await db('companies').where({ id: companyId }).first('name', 'officeId');
  if (!company) throw new StepFailure(`Company ${companyId} does not exist.`, activityFailureTypes.unknownCompany);
  const admins = await db('clientUsers')
    .where({ companyId, portalAccess: true })
    .whereIn('status', ['registered', 'linked'])
    .select('email', 'locale');
  const managers = await db('officeUsers')
    .where({ officeId: company.officeId, role: 'manager', active: true })
    .select('email');
  const people = [...admins, ...managers.map((m) => ({ email: m.email, locale: 'pt-BR' }))];
  const unique = new Map(people.map((p) => [String(p.email).toLowerCase(), asLocale(p.locale)]));
  return { companyName: String(company.name), to: [...unique.entries()] };
}

export function certificateSteps(deps: CertificateStepDeps) {
  const store = () => {
    if (!deps.certificates)
      throw new StepFailure('No certificate store is configured.', activityFailureTypes.notConfigured);
    return deps.certificates;
  };
  return {
    /** Reads the current certificate and says what the process waits for next. */
    async planCertificateRenewal(input: {
      companyId: string;
      remindBeforeMs: number[];
      lastReminder?: LastReminder | null;
    }): Promise<CertificatePlan> {
      const current = await store().current(input.companyId);
      const usable = current?.validUntil ? { id: current.id, validUntil: current.validUntil } : undefined;
      return planRenewal(usable, input.remindBeforeMs, Date.now(), input.lastReminder ?? null);
    },

    /** Validates an upload; the result carries a date or a failure code, never the certificate's data. */
    async validateCertificate(input: { companyId: string; certificateId: string }): Promise<ValidationResult> {
      const record = await store().get(input.certificateId);
      if (record?.companyId !== input.companyId) {
        throw new StepFailure('The upload is not this company’s.', activityFailureTypes.unknownUpload);
      }
      const outcome = await store().decide(input.certificateId);
      return outcome.ok ? { ok: true, validUntil: outcome.validUntil } : { ok: false, code: outcome.code };
    },

    async blockCompanyInvoicing(input: { companyId: string }): Promise<void> {
      await store().setInvoicingBlocked(input.companyId, true);
    },

    /**
     * E-mails the reminder to each recipient at most once per reminder key (certificate and mark,
     * or a manual number), so a retried or replayed step never sends it twice.
     */
    async sendCertificateReminder(input: { companyId: string; reminderKey: string }, ctx: StepContext): Promise<void> {
      const instanceId = ctx.instanceId();
      const current = await store().current(input.companyId);
      const validUntil = current?.validUntil;
      if (!validUntil) return; // nothing to remind of: no certificate any more
      const { companyName, to } = await reminderRecipients(deps.db, input.companyId);
      const daysLeft = Math.max(0, Math.ceil((Date.parse(validUntil) - Date.now()) / day));
      const link = `${deps.mail.publicUrl}/admin/#/certificates/${encodeURIComponent(input.companyId)}/show`;
      for (const [email, locale] of to) {
        await deliverOnce(
          deps.db,
          deps.mail,
          `${instanceId}:certificateReminder:${input.reminderKey}:${email}`,
          async () => ({
            to: email,
            template: 'certificateReminder',
            locale,
            instanceId,
            ...(await renderReminder(locale, { companyName, validUntil, daysLeft, link })),
          }),
          () => ctx.heartbeat(),
        );
      }
    },
  };
}
