import { StepFailure, type StepContext } from '../../steps.js';
import type { Knex } from 'knex';
import { registeredIdentity } from '../../directory/identities.js';
import { isUndeliverable, placeholderEmailFor } from '../../directory/validation.js';
import { revokePortalTokens } from '../../tokens.js';
import { activityFailureTypes } from '../../../machines/failureTypes.js';

// The directory side of clientUserOnboarding. Each step reads and writes by id and is safe to
// repeat: the engine may run it again after a crash.

export interface ClientUserRow {
  id: string;
  companyId: string;
  officeId: string;
  name: string;
  email: string;
  pendingEmail: string | null;
  locale: string;
  portalAccess: boolean | number;
  status: string;
  identityId: string | null;
  instanceId: string | null;
}

type ById = { clientUserId: string };

export async function loadClientUser(db: Knex, clientUserId: string): Promise<ClientUserRow> {
  const row = (await db('clientUsers').where({ id: clientUserId }).first()) as ClientUserRow | undefined;
  if (!row)
    throw new StepFailure(`Client user ${clientUserId} does not exist.`, activityFailureTypes.clientUserNotFound);
  return row;
}

/** The address the process is about: the real one, even while the contact e-mail is a placeholder. */
const realEmailOf = (u: ClientUserRow) => (isUndeliverable(u.email) && u.pendingEmail ? u.pendingEmail : u.email);

export function clientUserSteps(deps: { db: Knex }) {
  const { db } = deps;

  /** The person's identity becomes the client user's, its portal opens, and the process's links stop working. */
  const attachIdentity = (
    clientUserId: string,
    identityId: string,
    status: 'registered' | 'linked',
    ctx: StepContext,
  ) =>
    db.transaction(async (trx) => {
      await trx('clientUsers').where({ id: clientUserId }).update({ identityId, status, portalAccess: true });
      await revokePortalTokens(trx, ctx.instanceId());
    });

  return {
    /** Whether the address already belongs to a platform account (then the link procedure applies). */
    async classifyClientUserEmail({ clientUserId }: ById): Promise<{ existingAccount: boolean }> {
      const user = await loadClientUser(db, clientUserId);
      return { existingAccount: !!(await registeredIdentity(db, realEmailOf(user))) };
    },

    /** Step 1: portal access under a placeholder address; the real one waits in pendingEmail. */
    async registerWithPlaceholder({ clientUserId }: ById): Promise<void> {
      const user = await loadClientUser(db, clientUserId);
      if (isUndeliverable(user.email)) return; // done by an earlier attempt
      await db('clientUsers')
        .where({ id: clientUserId })
        .update({
          pendingEmail: user.email,
          email: placeholderEmailFor(clientUserId),
          portalAccess: true,
          status: 'placeholder',
        });
    },

    /** Step 2 and operator corrections: the pending address becomes the contact e-mail; old links stop working. */
    async correctClientUserEmail({ clientUserId }: ById, ctx: StepContext): Promise<void> {
      const user = await loadClientUser(db, clientUserId);
      if (!user.pendingEmail) {
        if (isUndeliverable(user.email))
          throw new StepFailure('There is no corrected e-mail to apply.', activityFailureTypes.noCorrectionPending);
        return; // applied by an earlier attempt
      }
      await db.transaction(async (trx) => {
        await trx('clientUsers')
          .where({ id: clientUserId })
          .update({ email: user.pendingEmail, pendingEmail: null, portalAccess: true, status: 'invited' });
        await revokePortalTokens(trx, ctx.instanceId());
      });
    },

    /** The user set a password: the client user now belongs to that identity. */
    async completeClientUserRegistration(
      { clientUserId, identityId }: ById & { identityId: string },
      ctx: StepContext,
    ): Promise<void> {
      await attachIdentity(clientUserId, identityId, 'registered', ctx);
    },

    /** The user proved the existing account is theirs: it now also belongs to this client's office. */
    async linkClientUserIdentity(
      { clientUserId, identityId }: ById & { identityId: string },
      ctx: StepContext,
    ): Promise<void> {
      await attachIdentity(clientUserId, identityId, 'linked', ctx);
    },

    /** Expiry, cancellation or deactivation: links stop working and the portal access closes. */
    async closeClientUserOnboarding(
      { clientUserId, outcome }: ById & { outcome: 'expired' | 'cancelled' | 'deactivated' },
      ctx: StepContext,
    ): Promise<void> {
      const user = await loadClientUser(db, clientUserId);
      await db.transaction(async (trx) => {
        await trx('clientUsers')
          .where({ id: clientUserId })
          .update({
            // Give the real address back, so the row shows whom it was about.
            email: realEmailOf(user),
            pendingEmail: null,
            portalAccess: false,
            status: outcome === 'deactivated' ? 'inactive' : outcome,
          });
        await revokePortalTokens(trx, ctx.instanceId());
      });
    },
  };
}
