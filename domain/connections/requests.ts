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
