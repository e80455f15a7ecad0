import crypto from 'node:crypto';
import type { Knex } from 'knex';
import {
  AlreadyRegisteredError,
  findIdentityByEmail,
  registeredIdentity,
  registerIdentityHashed,
} from '../directory/identities.js';
import { verifyPassword } from '../directory/passwords.js';
import { officeOfLinkedEmail } from '../directory/linkedEmails.js';
import {
  assertNoOpenRequest,
  decidingSide,
  loadRequest,
  sidesOf,
  namesOf,
  workflowIdOf,
  type ConnectionRequestRow,
} from '../connections/requests.js';
import {
  consumeConnectionToken,
  idOf,
  readConnectionToken,
  type ConnectionTokenPurpose,
} from '../connections/tokens.js';
import { enqueueEvent, queuedEventByToken } from '../events/queue.js';
import { conflict, DomainError, eventNotAllowed, invalid } from '../errors.js';
import { acceptsAfterStep, deliverQueued, nowIso, queueAndDeliver } from '../processes.js';
import { requestWaitsMs } from '../settings.js';
import { TokenError } from '../tokens.js';
import { changeAndRecord, createOnce, type UnitDeps } from '../unitOfWork.js';
import { pollUntil } from '../waits.js';
import type { ConnectionInput } from '../../machines/connectionRequest.machine.js';

export interface ConnectionDeps extends UnitDeps {
  timing: ConnectionInput['timing'];
  tokenSecret?: string;
}

export interface OfficeToClient {
  officeId: string;
  companyId: string;
  email: string;
  locale?: string;
}
export interface ClientToOffice {
  companyId: string;
  accountantEmail: string;
  officeName: string;
  officePhone?: string;
  locale?: string;
}

const tokenRefusal = (err: TokenError) =>
  err.kind === 'forged'
    ? new DomainError('invalid', 'invalid_token', err.message)
    : new DomainError('gone', 'token_gone', err.message, { reason: err.kind });

async function mustExist(db: Knex | Knex.Transaction, table: 'offices' | 'companies', id: string) {
  const row = await db(table).where({ id }).first('id', 'name');
  if (!row)
    throw invalid(
      table === 'offices' ? 'unknown_office' : 'unknown_company',
      `There is no ${table === 'offices' ? 'office' : 'company'} "${id}".`,
    );
  return row as { id: string; name: string };
}

/** Connection requests between offices and companies: create, decide by link, revoke, and the linked-e-mail matching. */
/** The states in which a connection process sends a mail whose links lead back to it. */
const sendingStates = new Set(['inviting', 'requestingApproval']);

export function connectionRequestService(deps: ConnectionDeps) {
  const { db, instances } = deps;
  // A request's waits for the process end at once when the server shuts down.
  const wait = { stopping: deps.stopping };

  const readToken = async (token: string, purpose: ConnectionTokenPurpose) => {
    if (!deps.tokenSecret) throw new DomainError('unavailable', 'not_configured', 'Links cannot be checked now.');
    try {
      return await readConnectionToken(db, deps.tokenSecret, token, purpose);
    } catch (err) {
      throw err instanceof TokenError ? tokenRefusal(err) : err;
    }
  };
  /**
   * The decision recorded and its event queued in one transaction, then delivered now. A request
   * that no longer waits is refused first, changing nothing; when Temporal cannot be asked, the
   * decision is recorded and the relay delivers it. A refusal at delivery undoes the record.
   */
  async function decideThrough(
    request: ConnectionRequestRow,
    type: 'APPROVE' | 'REJECT',
    decidedBy: string,
    actor: string,
    reason: string | undefined,
    tokenId?: string,
  ) {
    const instanceId = request.instanceId ?? '';
    const probe = await acceptsAfterStep(instances, instanceId, { type }, wait).catch((err: unknown) => {
      if (err instanceof DomainError && err.kind === 'unavailable') return undefined; // recorded; the relay delivers
      throw err;
    });
    if (probe && !probe.ok)
      throw eventNotAllowed(probe.message ?? 'This request no longer waits for a decision.', { state: probe.state });
    const delivery = await queueAndDeliver(
      db,
      instances,
      { instanceId, event: { type }, actor, reason, tokenId },
      async (trx) => {
        if (tokenId && !(await consumeConnectionToken(trx, tokenId)))
          throw tokenRefusal(new TokenError('used', 'This link was already used.'));
        await trx('connectionRequests').where({ id: request.id }).update({ decidedBy, decidedAt: nowIso() });
      },
      wait,
    );
    if (delivery.outcome === 'refused') {
      await db.transaction(async (trx) => {
        await trx('connectionRequests').where({ id: request.id }).update({ decidedBy: null, decidedAt: null });
        if (tokenId) await trx('connectionTokens').where({ id: tokenId }).update({ usedAt: null });
      });
      throw delivery.error;
    }
    return { row: await loadRequest(db, request.id), recorded: delivery.outcome !== 'delivered' };
  }

  /** A used link and the event its use queued, when that event is `eventType`; otherwise nothing. */
  async function stepOfUsedLink(token: string, purpose: ConnectionTokenPurpose, eventType: string) {
    if (!deps.tokenSecret) return undefined;
    let id: string;
    try {
      id = idOf(deps.tokenSecret, token);
    } catch {
      return undefined; // altered or cut: readToken's refusal stands
    }
    const link = (await db('connectionTokens')
      .where({ id, purpose })
      .whereNotNull('usedAt')
      .first('requestId', 'email')) as { requestId: string; email: string } | undefined;
    const queued = link ? await queuedEventByToken(db, id) : undefined;
    return link && queued?.eventType === eventType ? { link, queued } : undefined;
  }

  /** A link already used by this same decision: its outcome, so a retry is answered rather than refused. */
  async function earlierDecision(token: string, type: 'APPROVE' | 'REJECT') {
    const step = await stepOfUsedLink(token, 'decide', type);
    if (!step || step.queued.status === 'refused') return undefined;
    return { row: await loadRequest(db, step.link.requestId), recorded: step.queued.status !== 'delivered' };
  }

  /** The process's state as last recorded (the projection), or null when it has none yet. */
  const processState = async (request: ConnectionRequestRow) =>
    request.instanceId
      ? (((await db('instances').where({ id: request.instanceId }).first('state')) as { state: string } | undefined)
          ?.state ?? null)
      : null;

  /**
   * The process's state once the mail it is sending (an invitation, an approval request) is
   * recorded as sent: a link used the moment its mail arrives can find that step still in flight.
   * Waits a few seconds for it (less when the server is stopping), then answers the state as it is.
   */
  const settledState = (request: ConnectionRequestRow) =>
    pollUntil(
      () => processState(request),
      (state) => state === null || !sendingStates.has(state),
      requestWaitsMs.mailBeingSent,
      deps.stopping,
    );

  const create = (
    row: Omit<
      ConnectionRequestRow,
      'id' | 'state' | 'decidedBy' | 'decidedAt' | 'revokedBy' | 'revokedAt' | 'instanceId' | 'createdAt'
    >,
    actor: string,
    idempotencyKey?: string,
  ) =>
    createOnce(
      deps,
      { actor, route: `connectionRequests.${row.direction}`, idempotencyKey, body: row },
      {
        table: 'connectionRequests',
        sameAs: async () => undefined,
        async insert(trx) {
          if (row.officeId) await assertNoOpenRequest(trx, row.officeId, row.companyId);
          const id = crypto.randomUUID();
          await trx('connectionRequests').insert({
            ...row,
            id,
            state: 'open',
            instanceId: workflowIdOf(id),
            createdAt: nowIso(),
          });
          return id;
        },
        async start(id) {
          const input = {
            requestId: id,
            companyId: row.companyId,
            officeId: row.officeId ?? undefined,
            timing: deps.timing,
          };
          await instances.start({ machine: 'connectionRequest', input, actor, reason: 'connection requested' });
        },
      },
    );

  const api = {
    load: (id: string) => loadRequest(db, id),

    /** "Your client already has an account": whether the e-mail has a registered account. */
    async accountExists(email: string) {
      return { email, exists: Boolean(await registeredIdentity(db, email)) };
    },

    async fromOffice(req: OfficeToClient, actor: string, idempotencyKey?: string) {
      await mustExist(db, 'offices', req.officeId);
      await mustExist(db, 'companies', req.companyId);
      const own = await officeOfLinkedEmail(db, req.email);
      if (own?.officeId === req.officeId)
        throw invalid(
          'self_request',
          `${req.email} is one of this office's own linked e-mails: an office cannot connect to itself.`,
        );
      const clientHasAccount = Boolean(await registeredIdentity(db, req.email));
      const result = await create(
        {
          direction: 'officeToClient',
          officeId: req.officeId,
          companyId: req.companyId,
          requestedBy: actor,
          inviteeEmail: req.email,
          accountantEmail: null,
          officeNameGiven: null,
          officePhone: null,
          locale: req.locale ?? 'pt-BR',
        },
        actor,
        idempotencyKey,
      );
      return { ...result, clientHasAccount };
    },

    async fromClient(req: ClientToOffice, actor: string, idempotencyKey?: string) {
      await mustExist(db, 'companies', req.companyId);
      const holder = await officeOfLinkedEmail(db, req.accountantEmail);
      const result = await create(
        {
          direction: 'clientToOffice',
          officeId: holder?.officeId ?? null,
          companyId: req.companyId,
          requestedBy: actor,
          inviteeEmail: null,
          accountantEmail: req.accountantEmail,
          officeNameGiven: req.officeName,
          officePhone: req.officePhone ?? null,
          locale: req.locale ?? 'pt-BR',
        },
        actor,
        idempotencyKey,
      );
      return { ...result, matched: Boolean(holder), officeName: holder?.officeName ?? null };
    },

    /**
     * What a link's page shows: the request it is for, who asks whom, and whether it still waits
     * for this step. The token is checked, not used.
     */
    /**
     * The account an earlier request made from this invitation's link, when the same person sends
     * it again (same password): a retry after a broken connection is answered, not refused. A
     * different password is refused and changes nothing.
     */
    async earlierAccount(token: string, password: string) {
      const step = await stepOfUsedLink(token, 'register', 'ACCOUNT_CREATED');
      if (!step) return undefined;
      const identity = await findIdentityByEmail(db, step.link.email);
      if (!(await verifyPassword(identity?.passwordHash, password)))
        throw conflict(
          'different_password',
          'An account was already created from this invitation, with another password. Nothing was changed; sign in with that account or reset its password.',
        );
      return { eventId: step.queued.id, instanceId: step.queued.instanceId, requestId: step.link.requestId };
    },

    async describeLink(token: string, purpose: ConnectionTokenPurpose) {
      const tokenRow = await readToken(token, purpose);
      const request = await loadRequest(db, tokenRow.requestId);
      const names = await namesOf(db, request);
      const fromOffice = request.direction === 'officeToClient';
      return {
        request,
        email: tokenRow.email,
        ...names,
        requester: fromOffice ? names.officeName : names.companyName,
        target: fromOffice ? names.companyName : names.officeName,
        waitingState: await settledState(request),
      };
    },

    /**
     * The invited client creates the account from the invitation's link: the token is used, the
     * identity registered and made the company's admin, and ACCOUNT_CREATED queued for the same
     * process, all in one transaction; the caller delivers the queued event (the relay would).
     */
    async createAccount(token: string, person: { name: string; passwordHash: string }) {
      const tokenRow = await readToken(token, 'register');
      const request = await loadRequest(db, tokenRow.requestId);
      const state = await settledState(request);
      if (request.state !== 'open' || state !== 'awaitingAccount')
        throw conflict(
          'not_awaiting_account',
          request.state === 'open'
            ? 'This invitation does not wait for an account now. Nothing was created; try the link again in a minute.'
            : `This invitation is ${request.state}: no account can be created from it. Ask your accountant for a new one.`,
          { state: request.state },
        );
      const company = (await db('companies').where({ id: request.companyId }).first('officeId')) as {
        officeId: string;
      };
      return db.transaction(async (trx) => {
        if (!(await consumeConnectionToken(trx, tokenRow.id)))
          throw tokenRefusal(new TokenError('used', 'This link was already used.'));
        const identity = await registerIdentityHashed(trx, tokenRow.email, person.passwordHash).catch(
          (err: unknown) => {
            throw err instanceof AlreadyRegisteredError
              ? conflict(
                  'already_registered',
                  'This e-mail already has an account: ask your accountant to send the connection request again.',
                )
              : err;
          },
        );
        const actor = `user:${identity.id}`;
        await trx('clientUsers').insert({
          id: crypto.randomUUID(),
          companyId: request.companyId,
          officeId: company.officeId,
          name: person.name,
          email: tokenRow.email,
          locale: request.locale,
          portalAccess: true,
          status: 'registered',
          identityId: identity.id,
          createdAt: nowIso(),
          companyRole: 'admin',
        });
        await deps.audit.recordIn(trx, {
          actor,
          action: 'connectionRequests.accountCreated',
          target: `connectionRequests:${request.id}`,
        });
        const eventId = await enqueueEvent(trx, {
          instanceId: request.instanceId ?? '',
          event: { type: 'ACCOUNT_CREATED' },
          actor,
          tokenId: tokenRow.id,
        });
        return { eventId, identityId: identity.id, instanceId: request.instanceId ?? '', requestId: request.id };
      });
    },

    /**
     * Approve or reject through a link's token. The token's use, the decision and the event for
     * the process commit together, then the event is delivered (or left to the relay when Temporal
     * is away: `recorded`). Refused (token kept) when the request no longer waits for a decision;
     * the same link sent again after a recorded decision answers that decision, not 410.
     */
    async decide(token: string, decision: 'approve' | 'reject', reason?: string) {
      const type = decision === 'approve' ? 'APPROVE' : 'REJECT';
      let tokenRow;
      try {
        tokenRow = await readToken(token, 'decide');
      } catch (err) {
        const replay = await earlierDecision(token, type);
        if (replay) return replay;
        throw err;
      }
      const request = await loadRequest(db, tokenRow.requestId);
      const decidedBy =
        request.direction === 'officeToClient' ? `company:${request.companyId}` : `office:${request.officeId}`;
      return decideThrough(request, type, decidedBy, decidedBy, reason, tokenRow.id);
    },

    /**
     * Approve or reject from the portal, signed in, without the e-mail: only someone who speaks
     * for the deciding side (the company's admin, or a user of the office) may; the links of the
     * e-mails are withdrawn as with a decision by link.
     */
    async decideSignedIn(id: string, identityId: string, decision: 'approve' | 'reject', reason?: string) {
      const request = await loadRequest(db, id);
      const side = decidingSide(request);
      if (!(await sidesOf(db, identityId, request)).includes(side))
        throw new DomainError(
          'forbidden',
          'not_the_decider',
          side === 'company'
            ? 'Only an admin of the company decides this request.'
            : 'Only a user of the office decides this request.',
          { side },
        );
      const decidedBy = side === 'company' ? `company:${request.companyId}` : `office:${request.officeId}`;
      const type = decision === 'approve' ? 'APPROVE' : 'REJECT';
      return decideThrough(request, type, decidedBy, `user:${identityId}`, reason);
    },

    /** Revoke from the portal: either side of the connection, signed in. */
    async revokeSignedIn(id: string, identityId: string, reason?: string) {
      const request = await loadRequest(db, id);
      const [side] = await sidesOf(db, identityId, request);
      if (!side)
        throw new DomainError(
          'forbidden',
          'not_a_party',
          'Only an admin of the company or a user of the office revokes this connection.',
        );
      return api.revoke(id, side, `user:${identityId}`, reason);
    },

    /** Ends an active connection at once (the policy reads revokedAt), then tells its process. */
    async revoke(id: string, side: 'office' | 'company', actor: string, reason?: string) {
      const request = await loadRequest(db, id);
      const revoked = await changeAndRecord(
        deps,
        () => ({
          actor,
          action: 'connectionRequests.revoke',
          target: `connectionRequests:${id}`,
          reason,
          details: { side },
        }),
        async (trx) => {
          const n = await trx('connectionRequests')
            .where({ id, state: 'active' })
            .whereNull('revokedAt')
            .update({ revokedAt: nowIso(), revokedBy: `${side}:${actor}` });
          if (n === 0)
            throw conflict(
              request.revokedAt ? 'already_revoked' : 'not_active',
              request.revokedAt
                ? 'This connection was already revoked.'
                : `This request is ${request.state}, not an active connection: there is nothing to revoke.`,
              { state: request.state },
            );
          // The process hears of it through the queue: a Temporal outage cannot lose the revocation.
          return request.instanceId
            ? enqueueEvent(trx, { instanceId: request.instanceId, event: { type: 'REVOKE' }, actor, reason })
            : undefined;
        },
      );
      if (revoked) await deliverQueued(db, instances, revoked, wait);
      return loadRequest(db, id);
    },

    linkedEmailListener: {
      async added(email: string, officeId: string) {
        const waiting = await db('connectionRequests')
          .where({ direction: 'clientToOffice', state: 'open', accountantEmail: email })
          .whereNull('officeId')
          .select('id', 'instanceId', 'companyId');
        for (const r of waiting as Array<{ id: string; instanceId: string; companyId: string }>) {
          if (
            await db('connectionRequests')
              .where({ officeId, companyId: r.companyId })
              .whereIn('state', ['open', 'active'])
              .first('id')
          )
            continue;
          await queueAndDeliver(
            db,
            instances,
            {
              instanceId: r.instanceId,
              event: { type: 'OFFICE_MATCHED' },
              actor: 'system',
              reason: 'linked e-mail added',
            },
            (trx) => trx('connectionRequests').where({ id: r.id }).update({ officeId }),
            wait,
          );
        }
      },
      async removed(email: string, officeId: string) {
        const matched = await db('connectionRequests')
          .where({ direction: 'clientToOffice', state: 'open', accountantEmail: email, officeId })
          .select('id', 'instanceId');
        for (const r of matched as Array<{ id: string; instanceId: string }>) {
          // Only a request still waiting on that office is un-matched; Temporal away, it is un-matched and told later.
          const probe = await instances.accepts(r.instanceId, { type: 'UNMATCHED' }).catch(() => undefined);
          if (probe && !probe.ok) continue;
          await queueAndDeliver(
            db,
            instances,
            {
              instanceId: r.instanceId,
              event: { type: 'UNMATCHED' },
              actor: 'system',
              reason: 'linked e-mail removed',
            },
            (trx) => trx('connectionRequests').where({ id: r.id }).update({ officeId: null }),
            wait,
          );
        }
      },
    },
  };
  return api;
}
