import type { Knex } from 'knex';
import { officesOfIdentity, type OfficeMembership } from './identities.js';

export interface OfficeView extends OfficeMembership {
  /** The client companies of this office the person is a (registered or linked) user of. */
  companies: Array<{ id: string; name: string }>;
  /** The person's own link as the office's staff, with the office agent's connection. */
  staffLink: {
    officeUserId: string;
    role: string;
    connection: 'connected' | 'checking' | 'disconnected' | 'unknown';
  } | null;
}

export interface PortalHome {
  email: string;
  offices: OfficeMembership[];
  selected: OfficeView | null;
}

const connectionOf = (state: string | undefined): NonNullable<OfficeView['staffLink']>['connection'] =>
  state === 'linked.connected'
    ? 'connected'
    : state === 'linked.checkingConnection'
      ? 'checking'
      : state?.startsWith('linked.disconnected')
        ? 'disconnected'
        : 'unknown';

/**
 * What the signed-in portal home shows: every office the identity belongs to now (a membership
 * that ended is gone at once), and the chosen one (or the first, when the chosen one is gone).
 */
export async function portalHome(db: Knex, identityId: string, chosenOfficeId: string | null): Promise<PortalHome> {
  const identity = (await db('identities').where({ id: identityId }).first('email')) as { email: string } | undefined;
  const offices = await officesOfIdentity(db, identityId);
  const membership = offices.find((o) => o.officeId === chosenOfficeId) ?? offices[0];
  if (!membership) return { email: identity?.email ?? '', offices, selected: null };
  const companies = (await db('clientUsers as c')
    .join('companies as co', 'co.id', 'c.companyId')
    .where({ 'c.identityId': identityId, 'c.officeId': membership.officeId })
    .whereIn('c.status', ['registered', 'linked'])
    .distinct('co.id as id', 'co.name as name')
    .orderBy('co.name')) as Array<{ id: string; name: string }>;
  const staff = (await db('officeUsers as u')
    .leftJoin('instances as i', 'i.id', 'u.instanceId')
    .where({ 'u.identityId': identityId, 'u.officeId': membership.officeId, 'u.active': true })
    .whereNotNull('u.linkedAt')
    .first('u.id as officeUserId', 'u.role as role', 'i.state as state')) as
    { officeUserId: string; role: string; state?: string } | undefined;
  return {
    email: identity?.email ?? '',
    offices,
    selected: {
      ...membership,
      companies,
      staffLink: staff
        ? { officeUserId: staff.officeUserId, role: staff.role, connection: connectionOf(staff.state) }
        : null,
    },
  };
}
