import type { Knex } from 'knex';
import { planOf } from '../accounts/plans.js';
import { normalizeEmail } from '../directory/validation.js';
import type { ClientUserFields, ClientUserService } from './clientUsers.js';
import type { ContractService } from './contracts.js';
import type { OfficeService } from './offices.js';

export interface RegistrationFields {
  officeId: string;
  planId: string;
  payer: 'office' | 'client';
  company: { name: string; cnpj: string };
  admin: Omit<ClientUserFields, 'companyId'>;
}

export interface RegistrationWarning {
  code: 'email_of_this_office' | 'email_of_another_office';
  message: string;
  officeName: string;
}

/**
 * "Novo cadastro": the office registers its client itself. The company, its contract in trial
 * and its admin (whose onboarding process sends the registration e-mail, with the placeholder
 * path when the address already has an account) are made by the services that own each; every
 * step finds what an earlier attempt made, so the same request again completes a partial one.
 */
export function registrationService(deps: {
  db: Knex;
  offices: OfficeService;
  contracts: ContractService;
  clientUsers: ClientUserService;
}) {
  const { db } = deps;

  /** Warnings when the client's e-mail belongs to an accounting office: usually a mistake, never refused. */
  async function warningsFor(officeId: string, email: string): Promise<RegistrationWarning[]> {
    const address = normalizeEmail(email);
    const staff = (await db('officeUsers as u')
      .join('offices as o', 'o.id', 'u.officeId')
      .whereRaw('lower(u.email) = ?', [address])
      .select('o.id as officeId', 'o.name as officeName')) as Array<{ officeId: string; officeName: string }>;
    const linked = (await db('officeLinkedEmails as l')
      .join('offices as o', 'o.id', 'l.officeId')
      .where('l.email', address)
      .select('o.id as officeId', 'o.name as officeName')) as Array<{ officeId: string; officeName: string }>;
    const seen = new Set<string>();
    return [...staff, ...linked]
      .filter((o) => !seen.has(o.officeId) && seen.add(o.officeId))
      .map(({ officeId: holder, officeName }) =>
        holder === officeId
          ? {
              code: 'email_of_this_office' as const,
              officeName,
              message: `${address} is an e-mail of your own office (${officeName}), not of the client. The client's admin should use their own address.`,
            }
          : {
              code: 'email_of_another_office' as const,
              officeName,
              message: `${address} is an e-mail of another accounting office (${officeName}). Check that it is the client's own address.`,
            },
      );
  }

  return {
    warningsFor,

    async register(fields: RegistrationFields, actor: string, idempotencyKey?: string) {
      planOf(fields.planId);
      const warnings = await warningsFor(fields.officeId, fields.admin.email);
      const step = (name: string) => (idempotencyKey ? `${idempotencyKey}:${name}` : undefined);
      const company = await deps.offices.createCompany(
        { officeId: fields.officeId, ...fields.company },
        actor,
        step('company'),
      );
      const contract = await deps.contracts.create(
        { companyId: company.id, planId: fields.planId, payer: fields.payer },
        actor,
        step('contract'),
      );
      const admin = await deps.clientUsers.create({ ...fields.admin, companyId: company.id }, actor, step('admin'));
      return {
        companyId: company.id,
        clientUserId: admin.id,
        created: company.created || contract.created || admin.created,
        warnings,
      };
    },
  };
}

export type RegistrationService = ReturnType<typeof registrationService>;
