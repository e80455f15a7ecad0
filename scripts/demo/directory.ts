import type { DemoApi } from './api.js';
import { emailOf, randomCnpj, randomCpf } from './fixtures.js';

export interface Created {
  id: string;
  instanceId: string;
  email: string;
}

export async function createOffice(api: DemoApi, name: string): Promise<string> {
  return (
    await api.post<{ id: string }>('/api/offices', {
      name,
      cnpj: randomCnpj(),
      linkedEmails: [emailOf(`contato ${name}`)],
    })
  ).id;
}

export async function createCompany(api: DemoApi, officeId: string, name: string): Promise<string> {
  return (await api.post<{ id: string }>('/api/companies', { officeId, name, cnpj: randomCnpj() })).id;
}

/** A client user; the API starts its onboarding. `email` overrides the generated address. */
export async function createClientUser(
  api: DemoApi,
  companyId: string,
  name: string,
  email = emailOf(name),
): Promise<Created> {
  const row = await api.post<{ id: string; instanceId: string }>('/api/clientUsers', {
    companyId,
    name,
    email,
    cpf: randomCpf(),
    phone: '+55 11 98765-4321',
  });
  return { id: row.id, instanceId: row.instanceId, email };
}

/** An office user; the API starts its link process. */
export async function createOfficeUser(
  api: DemoApi,
  officeId: string,
  name: string,
  role: 'manager' | 'staff',
  email = emailOf(name),
): Promise<Created> {
  const row = await api.post<{ id: string; instanceId: string }>('/api/officeUsers', { officeId, name, email, role });
  return { id: row.id, instanceId: row.instanceId, email };
}
