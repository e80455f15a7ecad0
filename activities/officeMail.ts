import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { defaultLocale, type MailTemplate } from '../domain/mail/catalog.js';
import { deliverOnce, type MailSettings } from '../domain/mail/outbox.js';
import { renderMail } from '../domain/mail/render.js';
import { activityFailureTypes } from '../machines/failureTypes.js';
import { currentWorkflowId } from './workflowOf.js';

// The mail of officeUserLink version 2. Office users have no language of their own yet, so their
// messages go out in the default one. Each send is idempotent on (process, kind, number).

export interface OfficeMailDeps {
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
    throw ApplicationFailure.nonRetryable(
      `Office user ${officeUserId} does not exist.`,
      activityFailureTypes.officeUserNotFound,
    );
  const office = (await db('offices').where({ id: user.officeId }).first('name')) as { name: string } | undefined;
  const manager = (await db('officeUsers')
    .where({ officeId: user.officeId, role: 'manager', active: true })
    .first('name', 'email')) as Person | undefined;
  return { user, manager, officeName: office?.name ?? '' };
}

async function send(deps: OfficeMailDeps, key: string, template: MailTemplate, to: Person, slots: object) {
  const instanceId = currentWorkflowId();
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
    () => Context.current().heartbeat(),
  );
}

export function createOfficeMailActivities(deps: OfficeMailDeps) {
  return {
    /** Reminds the office user to link; with `alsoManager`, tells the office's manager too. */
    async sendOfficeLinkReminder(input: { officeUserId: string; reminderNo: number; alsoManager: boolean }) {
      const { user, manager, officeName } = await loadPeople(deps.db, input.officeUserId);
      const forgotLink = `${deps.mail.publicUrl.replace(/\/$/, '')}/portal/forgot`;
      await send(deps, `officeLinkReminder:${input.reminderNo}`, 'officeLinkReminder', user, {
        officeName,
        forgotLink,
      });
      if (input.alsoManager && manager && manager.email !== user.email)
        await send(deps, `officeLinkStalled:${input.reminderNo}`, 'officeLinkStalled', manager, {
          officeName,
          userName: user.name,
        });
    },

    /** Tells the office's manager that the communication agent has been disconnected for a while. */
    async sendAgentDisconnectedNotice(input: { officeUserId: string; noticeNo: number }) {
      const { manager, officeName } = await loadPeople(deps.db, input.officeUserId);
      if (!manager) return; // no active manager to tell: nothing to send
      await send(deps, `agentDisconnected:${input.noticeNo}`, 'agentDisconnected', manager, { officeName });
    },
  };
}
