import type { Knex } from 'knex';
import { conflict, notFound } from '../errors.js';

export type Direction = 'officeToClient' | 'clientToOffice';
export type RequestState = 'open' | 'active' | 'rejected' | 'expired' | 'cancelled' | 'revoked';

export interface ConnectionRequestRow {
  id: string;
  direction: Direction;
  officeId: string | null;
  companyId: string;
  requestedBy: string;
  inviteeEmail: string | null;
  accountantEmail: string | null;
  officeNameGiven: string | null;
  officePhone: string | null;
  locale: string;
  state: RequestState;
  decidedBy: string | null;
  decidedAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  instanceId: string | null;
  createdAt: string;
}

type Db = Knex | Knex.Transaction;

export const workflowIdOf = (requestId: string) => `connectionRequest-${requestId}`;

export async function loadRequest(db: Db, id: string): Promise<ConnectionRequestRow> {
  const row = (await db('connectionRequests').where({ id }).first()) as ConnectionRequestRow | undefined;
  if (!row) throw notFound('Connection request', id);
  return row;
}

/** Who must decide, and at which address: the client for an office's request, the office for a client's. */
export function deciderEmail(row: ConnectionRequestRow): string {
  return (row.direction === 'officeToClient' ? row.inviteeEmail : row.accountantEmail) ?? '';
}

/** The office and company names a person reads, instead of ids. */
export async function namesOf(db: Db, row: Pick<ConnectionRequestRow, 'officeId' | 'companyId' | 'officeNameGiven'>) {
  const company = await db('companies').where({ id: row.companyId }).first('name');
  const office = row.officeId ? await db('offices').where({ id: row.officeId }).first('name') : undefined;
  return {
    companyName: String(company?.name ?? ''),
    officeName: String(office?.name ?? row.officeNameGiven ?? ''),
  };
}

/** Refuses a second open request (or a request while connected) for the same office and company, naming the first. */
export async function assertNoOpenRequest(db: Db, officeId: string, companyId: string, except?: string) {
  const first = (await db('connectionRequests')
    .where({ officeId, companyId })
    .whereIn('state', ['open', 'active'])
    .modify((q) => (except ? q.whereNot({ id: except }) : q))
    .first('id', 'state', 'createdAt')) as { id: string; state: RequestState; createdAt: string } | undefined;
  if (!first) return;
  if (first.state === 'active')
    throw conflict('already_connected', `This office and company are already connected (request ${first.id}).`, {
      first: first.id,
    });
  throw conflict(
    'duplicate_open_request',
    `An open request for this office and company already exists: ${first.id}, made ${first.createdAt}.`,
    { first: first.id },
  );
}

/** Whether an office's users may act as the company's accountant now (read by the access policy). */
export async function activeConnection(db: Db, officeId: string, companyId: string) {
  return (await db('connectionRequests')
    .where({ officeId, companyId, state: 'active' })
    .whereNull('revokedAt')
    .first('id', 'decidedAt')) as { id: string; decidedAt: string | null } | undefined;
}

export type Side = 'office' | 'company';

/** The side that decides a request: the client for an office's request, the office for a client's. */
export const decidingSide = (row: Pick<ConnectionRequestRow, 'direction'>): Side =>
  row.direction === 'officeToClient' ? 'company' : 'office';

/**
 * The sides of a request a signed-in person speaks for: the company through its admins, the
 * office through its linked, active users.
 */
export async function sidesOf(db: Db, identityId: string, row: ConnectionRequestRow): Promise<Side[]> {
  const sides: Side[] = [];
  const admin = await db('clientUsers')
    .where({ identityId, companyId: row.companyId, companyRole: 'admin' })
    .whereIn('status', ['registered', 'linked'])
    .first('id');
  if (admin) sides.push('company');
  if (row.officeId) {
    const staff = await db('officeUsers')
      .where({ identityId, officeId: row.officeId, active: true })
      .whereNotNull('linkedAt')
      .first('id');
    if (staff) sides.push('office');
  }
  return sides;
}

/** The requests a signed-in person may decide or revoke: those of their companies (as admin) and offices. */
export async function requestsOfPerson(db: Db, identityId: string): Promise<ConnectionRequestRow[]> {
  const companies = db('clientUsers')
    .where({ identityId, companyRole: 'admin' })
    .whereIn('status', ['registered', 'linked'])
    .select('companyId');
  const offices = db('officeUsers').where({ identityId, active: true }).whereNotNull('linkedAt').select('officeId');
  return (await db('connectionRequests')
    .whereIn('state', ['open', 'active'])
    .andWhere((w) => w.whereIn('companyId', companies).orWhereIn('officeId', offices))
    .orderBy('createdAt', 'desc')) as ConnectionRequestRow[];
}
