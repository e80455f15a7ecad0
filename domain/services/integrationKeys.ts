import crypto from 'node:crypto';
import type { KeyRotationInput } from '../../machines/integrationKeyRotation.schema.js';
import { workflowIdFor } from '../ports.js';
import { closedReason, type ContractStatus } from '../accounts/contractStatus.js';
import { conflict, DomainError } from '../errors.js';
import { nowIso } from '../processes.js';
import { keyedReplay, lockForCreate, rememberKeyed, type UnitDeps } from '../unitOfWork.js';
import { loadContract } from './contracts.js';

export interface KeyDeps extends UnitDeps {
  timing: KeyRotationInput['timing'];
}

const hashOf = (key: string) => crypto.createHash('sha256').update(key).digest('hex');
const unauthenticated = () =>
  new DomainError('unauthenticated', 'invalid_key', 'Send a valid integration key as "Authorization: Bearer <key>".');

/** Integration keys of client accounts: rotation through a process, and checking a presented key. */
export function integrationKeyService(deps: KeyDeps) {
  const { db, instances } = deps;

  const replayMessage =
    'This rotation was already made by the same request. The key is shown only once and is not kept; if it was lost, generate a new one.';

  /** Starts a rotation's process; a retry finds it started, which is what it wanted. */
  async function startRotation(keyId: string, companyId: string, officeId: string, actor: string, reason: string) {
    const input = { keyId, companyId, officeId, timing: deps.timing };
    try {
      await instances.start({ machine: 'integrationKeyRotation', input, actor, reason });
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'already_started')) throw err;
    }
  }

  return {
    /**
     * A new key, returned once (only its hash is kept); the previous keys work for the grace
     * period, then the process revokes them. Refused while an earlier rotation's grace runs. The
     * same request again under its Idempotency-Key makes no second key: it answers the first
     * rotation without the key, which was shown once.
     */
    async rotate(companyId: string, reason: string, actor: string, idempotencyKey?: string) {
      const contract = await loadContract(db, companyId);
      const request = { actor, route: 'integrationKeys.rotate', idempotencyKey, body: { companyId, reason } };
      const key = `vk_${crypto.randomBytes(24).toString('base64url')}`;
      const at = nowIso();
      const graceUntil = deps.timing.graceMs > 0 ? new Date(Date.now() + deps.timing.graceMs).toISOString() : null;
      const made = await db.transaction(async (trx) => {
        await lockForCreate(trx, 'integrationKeys');
        const earlier = await keyedReplay(trx, request);
        if (earlier) {
          const row = await trx('integrationKeys').where({ id: earlier }).first('prefix', 'instanceId');
          const grace = await trx('integrationKeys').where({ companyId, status: 'grace' }).first('graceUntil');
          return {
            key: null,
            keyId: earlier,
            prefix: String(row.prefix),
            graceUntil: (grace?.graceUntil as string | undefined) ?? null,
            instanceId: String(row.instanceId),
            replayed: true,
            message: replayMessage,
          };
        }
        const inGrace = await trx('integrationKeys').where({ companyId, status: 'grace' }).first('graceUntil');
        if (inGrace) {
          const current = await trx('integrationKeys').where({ companyId, status: 'active' }).first('instanceId');
          throw conflict(
            'rotation_in_grace',
            `A previous key is still in its grace period (until ${String(inGrace.graceUntil)}); revoke it first or wait.`,
            { graceUntil: inGrace.graceUntil, instanceId: current?.instanceId },
          );
        }
        const keyId = crypto.randomUUID();
        const instanceId = workflowIdFor('integrationKeyRotation', keyId);
        if (graceUntil)
          await trx('integrationKeys').where({ companyId, status: 'active' }).update({ status: 'grace', graceUntil });
        else
          await trx('integrationKeys')
            .where({ companyId })
            .whereNot({ status: 'revoked' })
            .update({ status: 'revoked', revokedAt: at });
        await trx('integrationKeys').insert({
          id: keyId,
          companyId,
          hash: hashOf(key),
          prefix: key.slice(0, 8),
          status: 'active',
          instanceId,
          createdAt: at,
        });
        await rememberKeyed(trx, request, keyId);
        await deps.audit.recordIn(trx, {
          actor,
          action: 'integrationKeys.rotate',
          target: `companies:${companyId}`,
          reason,
        });
        return { key, keyId, prefix: key.slice(0, 8), graceUntil, instanceId, replayed: false };
      });
      await startRotation(made.keyId, companyId, contract.officeId, actor, reason);
      return made;
    },

    /** The company a presented key belongs to, if the key works and its account is open. */
    async companyOf(bearer: string | undefined) {
      const key = bearer?.match(/^Bearer\s+(\S{1,200})$/i)?.[1];
      if (!key) throw unauthenticated();
      const row = await db('integrationKeys')
        .where({ hash: hashOf(key) })
        .whereIn('status', ['active', 'grace'])
        .first('companyId');
      if (!row) throw unauthenticated();
      const contract = await loadContract(db, String(row.companyId));
      const why = closedReason(contract.status as ContractStatus);
      if (why)
        throw new DomainError(
          'forbidden',
          contract.status === 'Bloqueado' ? 'account_blocked' : 'account_cancelled',
          why,
        );
      const company = await db('companies').where({ id: row.companyId }).first('id', 'name', 'cnpj');
      return { ...company, status: contract.status, planId: contract.planId };
    },
  };
}
