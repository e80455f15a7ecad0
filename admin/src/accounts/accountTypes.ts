/** A client account as GET /api/accounts answers it. */
export interface Account {
  id: string;
  companyId: string;
  companyName: string;
  cnpj: string;
  officeId: string;
  officeName: string;
  planId: string;
  planName: string;
  payer: 'office' | 'client';
  status: 'Teste' | 'Efetivado' | 'Bloqueado' | 'Cancelado';
  statusChangedAt: string;
  pendingPlanId: string | null;
  pendingPlanAt: string | null;
  pendingPlanInstanceId: string | null;
  keyCreatedAt: string | null;
  instanceId: string;
}

export interface Plan {
  id: string;
  name: Record<string, string>;
  changeTakesEffect: 'now' | 'nextBilling';
}

export const contractStatuses = ['Teste', 'Efetivado', 'Bloqueado', 'Cancelado'] as const;

/** Days since the account's active key was made, or undefined when it has none. */
export const keyAgeDays = (keyCreatedAt: string | null | undefined, now = Date.now()) =>
  keyCreatedAt ? Math.floor((now - Date.parse(keyCreatedAt)) / 86_400_000) : undefined;
