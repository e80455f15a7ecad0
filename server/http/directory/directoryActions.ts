import { Router } from 'express';
import { z } from 'zod';
import { registeredIdentity } from '../../../domain/directory/identities.js';
import { emailSchema, isUndeliverable } from '../../../domain/directory/validation.js';
import { conflict, eventNotAllowed } from '../../../domain/errors.js';
import { enqueueEvent } from '../../../domain/events/queue.js';
import { acceptsAfterStep, deliverQueued } from '../../../domain/processes.js';
import { asBool } from '../../../domain/services/officeUsers.js';
import { releasedStatuses } from '../../../domain/services/clientUsers.js';
import { changeAndRecord } from '../../../domain/unitOfWork.js';
import { requireRole } from '../../auth/principal.js';
import { parseBody } from '../validate.js';
import { principalActor, type RouterDeps } from './deps.js';
import { toClientUser } from './clientUsers.js';

const reason = z.string().trim().min(3, 'must say why (3 characters at least)').max(1000);

// `z.email()` first so the JSON schema the console validates with carries the address format;
// the directory's own rule then checks and normalises it.
const newEmail = z.email('is not a valid e-mail address').max(254).pipe(emailSchema);

/** Bodies of the console's directory actions; their JSON schemas are served so forms check before sending. */
export const actionBodies = {
  correctEmail: z.object({ email: newEmail, reason }),
  deactivate: z.object({ reason }),
  credentialsVerified: z.object({ reason }),
};

const schemas = Object.fromEntries(
  Object.entries(actionBodies).map(([name, body]) => [name, z.toJSONSchema(body, { io: 'input' })]),
);

/**
 * Actions an operator takes from a person's page, each with a reason and one audit entry: the
 * e-mail correction with the new address, the deactivations (refused when already done) and the
 * credentials confirmed by phone.
 */
export function directoryActionsRouter(deps: RouterDeps): Router {
  const { db, instances, services } = deps;
  const router = Router();
  const writers = requireRole('admin', 'operator');

  router.get('/directory-actions/schemas', requireRole('admin', 'operator', 'auditor'), (_req, res) => {
    res.json(schemas);
  });

  // The directory update that exists (pending address + CORRECT_EMAIL queued together), guarded
  // so that a no-op or an inactive user is a clear refusal rather than a silent success.
  router.post('/clientUsers/:id/correct-email', writers, async (req, res) => {
    const body = parseBody(actionBodies.correctEmail, req);
    const id = String(req.params.id);
    const user = await services.clientUsers.load(id);
    if (releasedStatuses.includes(user.status))
      throw conflict('inactive_user', `This client user is ${user.status}; their e-mail can no longer be corrected.`);
    const current = isUndeliverable(user.email) ? user.pendingEmail : user.email;
    if (body.email === current || body.email === user.pendingEmail)
      throw conflict('same_email', `The e-mail is already ${body.email}; give the corrected address.`);
    const updated = await services.clientUsers.update(
      id,
      { email: body.email, reason: body.reason },
      principalActor(req),
    );
    res.json(toClientUser(updated));
  });

  router.post('/clientUsers/:id/deactivate', writers, async (req, res) => {
    const body = parseBody(actionBodies.deactivate, req);
    const id = String(req.params.id);
    const user = await services.clientUsers.load(id);
    if (releasedStatuses.includes(user.status))
      throw conflict('already_inactive', `This client user is already ${user.status}.`);
    const updated = await services.clientUsers.update(
      id,
      { status: 'inactive', reason: body.reason },
      principalActor(req),
    );
    res.json(toClientUser(updated));
  });

  router.post('/officeUsers/:id/deactivate', writers, async (req, res) => {
    const body = parseBody(actionBodies.deactivate, req);
    const id = String(req.params.id);
    const user = await services.officeUsers.load(id);
    if (!asBool(user.active)) throw conflict('already_inactive', 'This office user is already inactive.');
    const updated = await services.officeUsers.update(id, { active: false, reason: body.reason }, principalActor(req));
    res.json({ ...updated, active: asBool(updated.active) });
  });

  // After a phone call the operator vouches for the account: the process gets the same event a
  // checked password sends, with the identity registered for the user's e-mail.
  router.post('/officeUsers/:id/credentials/verified', writers, async (req, res) => {
    const body = parseBody(actionBodies.credentialsVerified, req);
    const id = String(req.params.id);
    const actor = principalActor(req);
    const user = await services.officeUsers.load(id);
    if (!asBool(user.active)) throw conflict('inactive_user', 'This office user is inactive.');
    const identity = await registeredIdentity(db, user.email);
    if (!identity)
      throw conflict(
        'no_account',
        `${user.email} has no platform account yet: the user must register before the link can be made.`,
      );
    const event = { type: 'CREDENTIALS_VERIFIED', identityId: identity.id };
    const probe = await acceptsAfterStep(instances, user.instanceId, event, { stopping: deps.stopping });
    if (!probe.ok)
      throw eventNotAllowed(`Credentials are not expected now (state "${probe.state}").`, { state: probe.state });
    const eventId = await changeAndRecord(
      deps,
      () => ({
        actor,
        action: 'officeUsers.credentials.verifiedByOperator',
        target: `officeUsers:${id}`,
        reason: body.reason,
      }),
      (trx) => enqueueEvent(trx, { instanceId: user.instanceId, event, actor, reason: body.reason }),
    );
    const delivery = await deliverQueued(db, instances, eventId, { stopping: deps.stopping });
    if (delivery.outcome === 'refused') throw delivery.error;
    res.json({ verified: true, state: delivery.outcome === 'delivered' ? delivery.state : 'recorded' });
  });

  return router;
}
