import { StepFailure, type StepContext } from '../../steps.js';
import type { Knex } from 'knex';
import { registeredIdentity } from '../../directory/identities.js';
import { officeOfLinkedEmail } from '../../directory/linkedEmails.js';
import { deciderEmail, loadRequest, namesOf, type ConnectionRequestRow } from '../../connections/requests.js';
import { issueConnectionToken, revokeConnectionTokens } from '../../connections/tokens.js';
import { defaultLocale, isMailLocale, type MailTemplate } from '../../mail/catalog.js';
import { deliverOnce, type MailSettings } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render.js';
import { activityFailureTypes } from '../../../machines/failureTypes.js';

export interface ConnectionStepDeps {
  db: Knex;
  mail: MailSettings;
  tokenSecret?: string;
  tokenTtlMs: number;
}

type Outcome = 'rejected' | 'expired' | 'cancelled';

/** The steps of connectionRequest: they read the request's row and keep its `state` current. */
export function connectionSteps(deps: ConnectionStepDeps) {
  const { db } = deps;
  const base = () => deps.mail.publicUrl.replace(/\/$/, '');
  const secret = () => {
    if (!deps.tokenSecret)
      throw new StepFailure('TOKEN_SECRET is not configured for the worker.', activityFailureTypes.notConfigured);
    return deps.tokenSecret;
  };
  const locale = (row: ConnectionRequestRow) => (isMailLocale(row.locale) ? row.locale : defaultLocale);

  async function deliver(
    ctx: StepContext,
    row: ConnectionRequestRow,
    template: MailTemplate,
    sendNo: number,
    values: (trx: Knex) => Promise<Record<string, string>>,
  ) {
    const instanceId = ctx.instanceId();
    await deliverOnce(
      db,
      deps.mail,
      `${instanceId}:${template}:${sendNo}`,
      async (trx) => {
        const to = template === 'connectionInvitation' ? (row.inviteeEmail ?? '') : deciderEmail(row);
        const rendered = await renderMail(template, locale(row), await values(trx));
        return { to, template, locale: locale(row), instanceId, ...rendered };
      },
      () => ctx.heartbeat(),
    );
  }

  return {
    /** Which way the request goes: an invitation, a wait for an office, or straight to approval. */
    async classifyConnectionRequest({ requestId }: { requestId: string }) {
      const row = await loadRequest(db, requestId);
      if (row.direction === 'officeToClient')
        return { route: (await registeredIdentity(db, row.inviteeEmail ?? '')) ? 'approval' : 'invite' } as const;
      const holder = await officeOfLinkedEmail(db, row.accountantEmail ?? '');
      await db('connectionRequests')
        .where({ id: requestId })
        .update({ officeId: holder?.officeId ?? null });
      return { route: holder ? 'approval' : 'unmatched' } as const;
    },

    async sendConnectionInvitation({ requestId, sendNo }: { requestId: string; sendNo: number }, ctx: StepContext) {
      const row = await loadRequest(db, requestId);
      await deliver(ctx, row, 'connectionInvitation', sendNo, async (trx) => {
        const token = await issueConnectionToken(trx, secret(), {
          purpose: 'register',
          requestId,
          email: row.inviteeEmail ?? '',
          ttlMs: deps.tokenTtlMs,
        });
        return { ...(await namesOf(trx, row)), link: `${base()}/portal/connection/register?token=${token}` };
      });
    },

    async sendConnectionApproval({ requestId, sendNo }: { requestId: string; sendNo: number }, ctx: StepContext) {
      const row = await loadRequest(db, requestId);
      await deliver(ctx, row, 'connectionApproval', sendNo, async (trx) => {
        const token = await issueConnectionToken(trx, secret(), {
          purpose: 'decide',
          requestId,
          email: deciderEmail(row),
          ttlMs: deps.tokenTtlMs,
        });
        const { officeName, companyName } = await namesOf(trx, row);
        const fromOffice = row.direction === 'officeToClient';
        const page = `${base()}/portal/connection?token=${token}`;
        return {
          requester: fromOffice ? officeName : companyName,
          target: fromOffice ? companyName : officeName,
          link: page,
          approveLink: `${page}&decision=approve`,
          rejectLink: `${page}&decision=reject`,
        };
      });
    },

    async activateConnection({ requestId }: { requestId: string }) {
      await db('connectionRequests').where({ id: requestId }).update({ state: 'active' });
      await revokeConnectionTokens(db, requestId);
    },

    async finishRevocation({ requestId }: { requestId: string }) {
      await db('connectionRequests')
        .where({ id: requestId })
        .update({ state: 'revoked', revokedAt: db.raw('coalesce(??, ?)', ['revokedAt', new Date().toISOString()]) });
    },

    async closeConnectionRequest({ requestId, outcome }: { requestId: string; outcome: Outcome }) {
      await db('connectionRequests').where({ id: requestId }).update({ state: outcome });
      await revokeConnectionTokens(db, requestId);
    },
  };
}
