import type { Knex } from 'knex';
import { DomainError } from '../errors.js';
import { closedReason, closedStatuses, type ContractStatus } from './contractStatus.js';

/**
 * Refuses a portal sign-in when every client account the person belongs to is blocked or
 * cancelled (and they are no office's staff): the message says why. An account without a
 * contract (created before contracts existed) stays open.
 */
export async function refuseClosedAccounts(db: Knex, identityId: string): Promise<void> {
  const staff = await db('officeUsers').where({ identityId, active: true }).whereNotNull('linkedAt').first('id');
  if (staff) return;
  const memberships = (await db('clientUsers as u')
    .leftJoin('contracts as k', 'k.companyId', 'u.companyId')
    .where('u.identityId', identityId)
    .whereIn('u.status', ['registered', 'linked'])
    .select('k.status as status')) as Array<{ status: ContractStatus | null }>;
  if (!memberships.length) return;
  const open = memberships.some((m) => !m.status || !closedStatuses.includes(m.status));
  if (open) return;
  const status = memberships.some((m) => m.status === 'Bloqueado') ? 'Bloqueado' : 'Cancelado';
  throw new DomainError(
    'forbidden',
    status === 'Bloqueado' ? 'account_blocked' : 'account_cancelled',
    closedReason(status) ?? '',
    {
      status,
    },
  );
}
