import { StepFailure, type StepContext } from '../../steps.js';
import type { Knex } from 'knex';
import { hiringLink } from '../../accounts/hiringTokens.js';
import { plans } from '../../accounts/plans.js';
import { defaultLocale, isMailLocale } from '../../mail/catalog.js';
import { deliverOnce, type MailSettings } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render.js';
import { activityFailureTypes } from '../../../machines/failureTypes.js';

// The directory side of clientHiring. Each step reads and writes by id and is safe to repeat.

interface HiringRow {
  id: string;
  officeId: string;
  planId: string;
  email: string;
  locale: string;
  status: string;
}

async function loadHiring(db: Knex, hiringId: string): Promise<HiringRow> {
  const row = (await db('hiringLinks').where({ id: hiringId }).first()) as HiringRow | undefined;
  if (!row) throw new StepFailure(`Hiring link ${hiringId} does not exist.`, activityFailureTypes.hiringLinkNotFound);
  return row;
}

export function hiringSteps(deps: { db: Knex; mail: MailSettings; tokenSecret?: string }) {
  const { db } = deps;
  return {
    /** Sends the link (once per send number): the first send and each reminder carry the same link. */
    async sendHiringLink({ hiringId, sendNo }: { hiringId: string; sendNo: number }, ctx: StepContext): Promise<void> {
      const secret = deps.tokenSecret;
      if (!secret)
        throw new StepFailure('TOKEN_SECRET is not configured for the worker.', activityFailureTypes.notConfigured);
      const hiring = await loadHiring(db, hiringId);
      const instanceId = ctx.instanceId();
      await deliverOnce(
        db,
        deps.mail,
        `${instanceId}:hiringLink:${sendNo}`,
        async (trx) => {
          const office = await trx('offices').where({ id: hiring.officeId }).first('name');
          const locale = isMailLocale(hiring.locale) ? hiring.locale : defaultLocale;
          const plan = plans.find((p) => p.id === hiring.planId);
          const rendered = await renderMail('hiringLink', locale, {
            officeName: String(office?.name ?? ''),
            planName: plan ? plan.name[locale] : hiring.planId,
            link: hiringLink(deps.mail.publicUrl, secret, hiringId),
          });
          return { to: hiring.email, template: 'hiringLink', locale, instanceId, ...rendered };
        },
        () => ctx.heartbeat(),
      );
    },

    /** Expiry or cancellation: the link stops working (a link already used stays as it is). */
    async closeHiringLink({ hiringId, outcome }: { hiringId: string; outcome: 'expired' | 'cancelled' }) {
      await loadHiring(db, hiringId);
      await db('hiringLinks').where({ id: hiringId, status: 'sent' }).update({ status: outcome });
    },
  };
}
