import { StepFailure, type StepContext } from '../../steps.js';
import type { Knex } from 'knex';
import { defaultLocale, type MailTemplate } from '../../mail/catalog.js';
import { deliverOnce, type MailSettings } from '../../mail/outbox.js';
import { renderMail } from '../../mail/render.js';
import { activityFailureTypes } from '../../../machines/failureTypes.js';

// The mail of officeUserLink version 2. Office users have no language of their own yet, so their
// messages go out in the default one. Each send is idempotent on (process, kind, number).

export interface OfficeMailStepDeps {
  db: Knex;
  mail: MailSettings;
}

interface Person {
  name: string;
  email: string;
}

async function loadPeople(db: Knex, officeUserId: string) {
  const user = (await db('officeUsers').where({ id: officeUserId }).first('name', 'email', 'officeId')) as
    (Person & { officeId: string }) | undefined;
  if (!user)
    throw new StepFailure(`Office user ${officeUserId} does not exist.`, activityFailureTypes.officeUserNotFound);
  const office = (await db('offices').where({ id: user.officeId }).first('name')) as { name: string } | undefined;
  const manager = (await db('officeUsers')
    .where({ officeId: user.officeId, role: 'manager', active: true })
    .first('name', 'email')) as Person | undefined;
  return { user, manager, officeName: office?.name ?? '' };
}

async function send(
  deps: OfficeMailStepDeps,
  ctx: StepContext,
  key: string,
  template: MailTemplate,
  to: Person,
  slots: object,
) {
  const instanceId = ctx.instanceId();
  await deliverOnce(
    deps.db,
    deps.mail,
    `${instanceId}:${key}`,
    async () => ({
      to: to.email,
      template,
      locale: defaultLocale,
      instanceId,
      ...(await renderMail(template, defaultLocale, { name: to.name, ...(slots as Record<string, string>) })),
    }),
    () => ctx.heartbeat(),
  );
}

export function officeMailSteps(deps: OfficeMailStepDeps) {
  return {
    /** Reminds the office user to link; with `alsoManager`, tells the office's manager too. */
    async sendOfficeLinkReminder(
      input: { officeUserId: string; reminderNo: number; alsoManager: boolean },
      ctx: StepContext,
    ) {
      const { user, manager, officeName } = await loadPeople(deps.db, input.officeUserId);
      const forgotLink = `${deps.mail.publicUrl.replace(/\/$/, '')}/portal/forgot`;
      await send(deps, ctx, `officeLinkReminder:${input.reminderNo}`, 'officeLinkReminder', user, {
        officeName,
        forgotLink,
      });
      if (input.alsoManager && manager && manager.email !== user.email)
        await send(deps, ctx, `officeLinkStalled:${input.reminderNo}`, 'officeLinkStalled', manager, {
          officeName,
          userName: user.name,
        });
    },

    /** Tells the office's manager that the communication agent has been disconnected for a while. */
    async sendAgentDisconnectedNotice(input: { officeUserId: string; noticeNo: number }, ctx: StepContext) {
      const { manager, officeName } = await loadPeople(deps.db, input.officeUserId);
      if (!manager) return; // no active manager to tell: nothing to send
      await send(deps, ctx, `agentDisconnected:${input.noticeNo}`, 'agentDisconnected', manager, { officeName });
    },
  };
}
