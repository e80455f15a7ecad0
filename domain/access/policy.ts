import type { Knex } from 'knex';
import { activeConnection } from '../connections/requests.js';
import { DomainError } from '../errors.js';

// The one access policy of a company's data. Every company-scoped endpoint asks it (through
// `authorize`) before it reads or changes anything; each answer says why, and a refusal carries
// that `why` to the caller. The accountant role exists only while a connection request between
// the office and the company is active and not revoked: revocation is read here on every call.

/** The areas of a company's data, after the reseller panel's manager buttons. */
export const areas = ['reports', 'supplierXmls', 'issuedXmls', 'settings'] as const;
export type Area = (typeof areas)[number];

/** What a call does: look, take a copy away (download, export), or change. */
export const actions = ['read', 'export', 'write'] as const;
export type Action = (typeof actions)[number];

/**
 * Who the caller is to the company: its admin, one of its simple users, the accountant (a user of
 * an office connected to it), or nobody (a user of an office that is not connected, or a person
 * with no tie to the company).
 */
export type CompanyRole = 'companyAdmin' | 'companyUser' | 'accountant' | 'none';

/** What each area is called where people read it (the panel's buttons). */
export const areaNames: Record<Area, string> = {
  reports: 'Relatórios e documentos',
  supplierXmls: 'XMLs de fornecedores',
  issuedXmls: 'XMLs emitidos',
  settings: 'Configurações',
};

/** The actions each area has: data is read and exported, settings are read and changed. */
export const areaActions: Record<Area, readonly Action[]> = {
  reports: ['read', 'export'],
  supplierXmls: ['read', 'export'],
  issuedXmls: ['read', 'export'],
  settings: ['read', 'write'],
};

type Rule = true | string; // true: allowed; a string: the reason it is refused

/**
 * The matrix: role × area × action. Company admins may do everything; simple users see the data
 * but export no XML and change no setting; the accountant has all the data (not subject to the
 * simple users' restrictions) and none of the settings; nobody else has anything.
 */
export const policyMatrix: Record<Exclude<CompanyRole, 'none'>, Record<Area, Partial<Record<Action, Rule>>>> = {
  companyAdmin: {
    reports: { read: true, export: true },
    supplierXmls: { read: true, export: true },
    issuedXmls: { read: true, export: true },
    settings: { read: true, write: true },
  },
  companyUser: {
    reports: { read: true, export: true },
    supplierXmls: { read: true, export: 'Simple users cannot export XMLs; ask the company’s admin.' },
    issuedXmls: { read: true, export: 'Simple users cannot export XMLs; ask the company’s admin.' },
    settings: { read: true, write: 'Only the company’s admin changes its settings.' },
  },
  accountant: {
    reports: { read: true, export: true },
    supplierXmls: { read: true, export: true },
    issuedXmls: { read: true, export: true },
    settings: {
      read: 'The accountant role has all of the company’s data but none of its settings.',
      write: 'The accountant role has all of the company’s data but none of its settings.',
    },
  },
};

export interface Membership {
  role: CompanyRole;
  /** How the caller came to have this role, in words. */
  via: string;
  /** The connection that makes the caller the accountant. */
  connectionId?: string;
  officeId?: string;
}

export interface Decision extends Membership {
  allow: boolean;
  area: Area;
  action: Action;
  why: string;
}

type Db = Knex | Knex.Transaction;

/** The caller's role in the company, read now (a revoked connection counts for nothing from the moment it is revoked). */
export async function membershipOf(db: Db, identityId: string, companyId: string): Promise<Membership> {
  const company = (await db('companies').where({ id: companyId }).first('id', 'name')) as
    { id: string; name: string } | undefined;
  if (!company) throw new DomainError('not_found', 'not_found', `Company "${companyId}" does not exist.`);
  const user = (await db('clientUsers')
    .where({ identityId, companyId })
    .whereIn('status', ['registered', 'linked'])
    .orderByRaw("case when ?? = 'admin' then 0 else 1 end", ['companyRole'])
    .first('companyRole')) as { companyRole: string } | undefined;
  if (user?.companyRole === 'admin') return { role: 'companyAdmin', via: `an admin of ${company.name}` };
  if (user) return { role: 'companyUser', via: `a user of ${company.name}` };
  const offices = (await db('officeUsers as u')
    .join('offices as o', 'o.id', 'u.officeId')
    .where({ 'u.identityId': identityId, 'u.active': true })
    .whereNotNull('u.linkedAt')
    .select('o.id as officeId', 'o.name as officeName')) as Array<{ officeId: string; officeName: string }>;
  for (const o of offices) {
    const connection = await activeConnection(db, o.officeId, company.id);
    if (connection)
      return {
        role: 'accountant',
        via: `a user of ${o.officeName}, connected to ${company.name} (connection ${connection.id}, approved ${connection.decidedAt ?? 'earlier'})`,
        connectionId: connection.id,
        officeId: o.officeId,
      };
  }
  if (offices.length)
    return {
      role: 'none',
      via: `a user of ${offices.map((o) => o.officeName).join(', ')}, not connected to ${company.name} (no active connection; a revoked one gives nothing)`,
    };
  return { role: 'none', via: `not a user of ${company.name} nor of an office connected to it` };
}

/** The matrix's answer for a role, with its reason. */
export function ruleFor(role: CompanyRole, area: Area, action: Action): { allow: boolean; reason: string } {
  if (role === 'none')
    return { allow: false, reason: 'Nobody outside the company and its connected offices has access.' };
  const rule = policyMatrix[role][area][action];
  if (rule === true) return { allow: true, reason: `${role} may ${action} ${areaNames[area]}.` };
  return {
    allow: false,
    reason: rule ?? `${areaNames[area]} cannot be ${action === 'write' ? 'changed' : action + 'ed'} here.`,
  };
}

/** The decision for one call, explained. */
export async function decide(
  db: Db,
  identityId: string,
  companyId: string,
  area: Area,
  action: Action,
): Promise<Decision> {
  const membership = await membershipOf(db, identityId, companyId);
  const { allow, reason } = ruleFor(membership.role, area, action);
  return { ...membership, area, action, allow, why: `You are ${membership.via}. ${reason}` };
}

/** The decision, or a 403-kind refusal whose details carry `why`, the role and the area. */
export async function authorize(
  db: Db,
  identityId: string,
  companyId: string,
  area: Area,
  action: Action,
): Promise<Decision> {
  const decision = await decide(db, identityId, companyId, area, action);
  if (!decision.allow)
    throw new DomainError('forbidden', 'access_denied', `No access to ${areaNames[area]}: ${decision.why}`, {
      why: decision.why,
      role: decision.role,
      area,
      action,
    });
  return decision;
}

// ---- Client accounts: what the office's people and the company's admin may do with an account ----

/** The reseller panel's account actions: look at it, open its settings, change status, key or plan. */
export const accountActions = ['view', 'openSettings', 'changeStatus', 'rotateKey', 'changePlan'] as const;
export type AccountAction = (typeof accountActions)[number];

/** Who the caller is to an account: its office's manager ("Gestor"), another of its users ("Contador"), the company's admin. */
export type AccountRole = 'officeManager' | 'officeStaff' | 'companyAdmin' | 'none';

const managerOnly = 'Only the office’s manager (Gestor) may do this; ask your manager.';

/**
 * The office's manager does everything; its other users see the accounts and nothing more; the
 * company's own admin sees its account, opens its settings and regenerates its key, while status
 * and plan are the office's to change. Operators act from the console, under its roles.
 */
export const accountMatrix: Record<Exclude<AccountRole, 'none'>, Record<AccountAction, Rule>> = {
  officeManager: { view: true, openSettings: true, changeStatus: true, rotateKey: true, changePlan: true },
  officeStaff: {
    view: true,
    openSettings: managerOnly,
    changeStatus: managerOnly,
    rotateKey: managerOnly,
    changePlan: managerOnly,
  },
  companyAdmin: {
    view: true,
    openSettings: true,
    rotateKey: true,
    changeStatus: 'The contract status is changed by the accounting office’s manager.',
    changePlan: 'The plan is changed by the accounting office’s manager.',
  },
};

/** The caller's tie to the account, read now: a user removed from the office loses it at once. */
export async function accountRoleOf(
  db: Db,
  identityId: string,
  companyId: string,
): Promise<{ role: AccountRole; via: string }> {
  const company = (await db('companies as c')
    .join('offices as o', 'o.id', 'c.officeId')
    .where('c.id', companyId)
    .first('c.name as name', 'c.officeId as officeId', 'o.name as officeName')) as
    { name: string; officeId: string; officeName: string } | undefined;
  if (!company) throw new DomainError('not_found', 'not_found', `Company "${companyId}" does not exist.`);
  const staff = (await db('officeUsers')
    .where({ identityId, officeId: company.officeId, active: true })
    .whereNotNull('linkedAt')
    .orderByRaw("case when ?? = 'manager' then 0 else 1 end", ['role'])
    .first('role')) as { role: string } | undefined;
  if (staff?.role === 'manager') return { role: 'officeManager', via: `the manager of ${company.officeName}` };
  if (staff) return { role: 'officeStaff', via: `a user of ${company.officeName}, not its manager` };
  const admin = await db('clientUsers')
    .where({ identityId, companyId, companyRole: 'admin' })
    .whereIn('status', ['registered', 'linked'])
    .first('id');
  if (admin) return { role: 'companyAdmin', via: `an admin of ${company.name}` };
  return { role: 'none', via: `neither a user of ${company.officeName} nor an admin of ${company.name}` };
}

/** The answer for one account action, or a 403-kind refusal that says why. */
export async function authorizeAccount(db: Db, identityId: string, companyId: string, action: AccountAction) {
  const { role, via } = await accountRoleOf(db, identityId, companyId);
  const rule =
    role === 'none' ? 'Only the account’s office and the company’s admin have access.' : accountMatrix[role][action];
  if (rule !== true)
    throw new DomainError('forbidden', 'access_denied', `Not allowed: you are ${via}. ${rule}`, {
      why: `You are ${via}. ${rule}`,
      role,
      action,
    });
  return { role, via };
}
