import { StepFailure, type StepContext } from '../../steps.js';
import type { Knex } from 'knex';
import { loadClientUser } from './clientUsers.js';
import { registeredIdentity } from '../../directory/identities.js';
import { isUndeliverable } from '../../directory/validation.js';
import { defaultLocale, isMailLocale, type MailTemplate } from '../../mail/catalog.js';
import { deliverOnce, type MailSettings } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render.js';
import { issuePortalToken, type TokenPurpose } from '../../tokens.js';
import { activityFailureTypes } from '../../../machines/failureTypes.js';

export interface RegistrationMailDeps {
  db: Knex;
  mail: MailSettings;
  /** Signs portal links; without it no link can be sent. */
  tokenSecret?: string;
  tokenTtlMs: number;
}

const templateFor: Record<TokenPurpose, MailTemplate> = { register: 'registration', link: 'accountLink' };
const pageFor: Record<TokenPurpose, string> = { register: 'register', link: 'link' };

export function registrationMailSteps(deps: RegistrationMailDeps) {
  const { db } = deps;
  return {
    /**
     * Sends (once per send number) the e-mail that lets a client user in: a registration link for a
     * new address, an account-link link for an address that already has an account. The token and
     * address stay in the database; the workflow learns only which kind was sent.
     */
    async sendRegistrationEmail(
      {
        clientUserId,
        sendNo,
      }: {
        clientUserId: string;
        sendNo: number;
      },
      ctx: StepContext,
    ): Promise<{ purpose: TokenPurpose }> {
      if (!deps.tokenSecret)
        throw new StepFailure('TOKEN_SECRET is not configured for the worker.', activityFailureTypes.notConfigured);
      const secret = deps.tokenSecret;
      const instanceId = ctx.instanceId();
      const user = await loadClientUser(db, clientUserId);
      if (isUndeliverable(user.email)) {
        throw new StepFailure(
          'The contact e-mail is a placeholder; correct it before sending.',
          activityFailureTypes.undeliverableAddress,
        );
      }
      const row = await deliverOnce(
        db,
        deps.mail,
        `${instanceId}:registration:${sendNo}`,
        async (trx) => {
          const purpose: TokenPurpose = (await registeredIdentity(trx, user.email)) ? 'link' : 'register';
          const names = await trx('companies as c')
            .join('offices as o', 'o.id', 'c.officeId')
            .where('c.id', user.companyId)
            .first('c.name as companyName', 'o.name as officeName');
          const token = await issuePortalToken(trx, secret, {
            purpose,
            clientUserId,
            instanceId,
            email: user.email,
            ttlMs: deps.tokenTtlMs,
          });
          const link = `${deps.mail.publicUrl.replace(/\/$/, '')}/portal/${pageFor[purpose]}?token=${encodeURIComponent(token)}`;
          const locale = isMailLocale(user.locale) ? user.locale : defaultLocale;
          const template = templateFor[purpose];
          const rendered = await renderMail(template, locale, {
            name: user.name,
            email: user.email,
            link,
            officeName: String(names?.officeName ?? ''),
            companyName: String(names?.companyName ?? ''),
            forgotLink: `${deps.mail.publicUrl.replace(/\/$/, '')}/portal/forgot`,
          });
          return { to: user.email, template, locale, instanceId, ...rendered };
        },
        () => ctx.heartbeat(),
      );
      return { purpose: row.template === templateFor.link ? 'link' : 'register' };
    },
  };
}
