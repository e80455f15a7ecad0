import { StepFailure, type StepContext } from '../../steps.js';
import type { Knex } from 'knex';
import { defaultLocale, isMailLocale, type MailTemplate } from '../../mail/catalog.js';
import { deliverOnce, type MailSettings } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render.js';
import type { ContractStatus } from '../../../machines/clientContract.schema.js';
import { activityFailureTypes } from '../../../machines/failureTypes.js';

// The directory side of clientContract. Each step reads and writes by id and is safe to repeat.

export interface ContractRow {
  companyId: string;
  officeId: string;
  planId: string;
  payer: 'office' | 'client';
  status: ContractStatus;
  contactName: string | null;
  contactEmail: string | null;
  instanceId: string;
}

export async function loadContract(db: Knex, companyId: string): Promise<ContractRow> {
  const row = (await db('contracts').where({ companyId }).first()) as ContractRow | undefined;
  if (!row) throw new StepFailure(`Company ${companyId} has no contract.`, activityFailureTypes.contractNotFound);
  return row;
}

interface Recipient {
  email: string;
  name: string;
  locale: string;
}

/** Whom a reminder about paying reaches: the office's managers, or the client's contact and users. */
async function payersOf(db: Knex, contract: ContractRow): Promise<Recipient[]> {
  if (contract.payer === 'office') {
    const managers = (await db('officeUsers')
      .where({ officeId: contract.officeId, role: 'manager', active: true })
      .orderBy('createdAt')
      .select('email', 'name')) as Array<{ email: string; name: string }>;
    return managers.map((m) => ({ ...m, locale: defaultLocale }));
  }
  if (contract.contactEmail)
    return [{ email: contract.contactEmail, name: contract.contactName ?? '', locale: defaultLocale }];
  return (await db('clientUsers')
    .where({ companyId: contract.companyId })
    .whereIn('status', ['registered', 'linked'])
    .orderBy('createdAt')
    .select('email', 'name', 'locale')) as Recipient[];
}

/** Sends one templated message about an account to each recipient, once per key. */
export async function mailAccount(
  deps: { db: Knex; mail: MailSettings },
  ctx: StepContext,
  o: { companyId: string; template: MailTemplate; key: string; to: Recipient[]; slots?: Record<string, string> },
) {
  const names = await deps
    .db('companies as c')
    .join('offices as o', 'o.id', 'c.officeId')
    .where('c.id', o.companyId)
    .first('c.name as companyName', 'o.name as officeName');
  const instanceId = ctx.instanceId();
  for (const [i, person] of o.to.entries()) {
    await deliverOnce(
      deps.db,
      deps.mail,
      `${instanceId}:${o.key}:${i}`,
      async () => {
        const locale = isMailLocale(person.locale) ? person.locale : defaultLocale;
        const rendered = await renderMail(o.template, locale, {
          name: person.name,
          companyName: String(names?.companyName ?? ''),
          officeName: String(names?.officeName ?? ''),
          link: deps.mail.publicUrl.replace(/\/$/, '') + '/portal/account',
          ...o.slots,
        });
        return { to: person.email, template: o.template, locale, instanceId, ...rendered };
      },
      () => ctx.heartbeat(),
    );
  }
}

export function contractSteps(deps: { db: Knex; mail: MailSettings }) {
  const { db } = deps;
  return {
    /** Writes the status the process has moved to; the same status again changes nothing. */
    async recordContractStatus({ companyId, status }: { companyId: string; status: ContractStatus }): Promise<void> {
      const contract = await loadContract(db, companyId);
      if (contract.status === status) return;
      await db('contracts').where({ companyId }).update({ status, statusChangedAt: new Date().toISOString() });
    },

    /** Tells whoever pays that the trial ends soon. */
    async sendTrialReminder(
      { companyId, reminderNo }: { companyId: string; reminderNo: number },
      ctx: StepContext,
    ): Promise<void> {
      const contract = await loadContract(db, companyId);
      const to = await payersOf(db, contract);
      await mailAccount(deps, ctx, { companyId, template: 'trialReminder', key: `trialReminder:${reminderNo}`, to });
    },
  };
}
