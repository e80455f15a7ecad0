import type { StepContext } from '../../steps.js';
import type { Knex } from 'knex';
import type { MailSettings } from '../../mail/outbox.js';
import { mailAccount } from './contracts.js';

// The directory side of integrationKeyRotation; each step is safe to repeat.

export function integrationKeySteps(deps: { db: Knex; mail: MailSettings }) {
  const { db } = deps;
  return {
    /** Tells the company's admins that the previous key stops working soon. */
    async sendKeyGraceReminder(
      { keyId, companyId }: { keyId: string; companyId: string },
      ctx: StepContext,
    ): Promise<void> {
      const to = (await db('clientUsers')
        .where({ companyId })
        .whereIn('status', ['registered', 'linked'])
        .orderBy('createdAt')
        .select('email', 'name', 'locale')) as Array<{ email: string; name: string; locale: string }>;
      await mailAccount(deps, ctx, { companyId, template: 'keyGraceReminder', key: `keyGraceReminder:${keyId}`, to });
    },

    /** The keys the new one replaces stop working. */
    async revokePreviousKeys({ keyId, companyId }: { keyId: string; companyId: string }): Promise<void> {
      const key = (await db('integrationKeys').where({ id: keyId }).first('createdAt')) as
        { createdAt: string } | undefined;
      if (!key) return;
      // Only keys older than this rotation's: a later rotation's key is not this process's to revoke.
      await db('integrationKeys')
        .where({ companyId })
        .where('createdAt', '<', key.createdAt)
        .whereNot({ status: 'revoked' })
        .update({ status: 'revoked', revokedAt: new Date().toISOString(), graceUntil: null });
    },
  };
}
