import type { AccountRecord, ContractStatus, Plan } from '../types';

export type { Plan };
export type Account = AccountRecord;

export const contractStatuses = [
  'Teste',
  'Efetivado',
  'Bloqueado',
  'Cancelado',
] as const satisfies readonly ContractStatus[];

/** Days since the account's active key was made, or undefined when it has none. */
export const keyAgeDays = (keyCreatedAt: string | null | undefined, now = Date.now()) =>
  keyCreatedAt ? Math.floor((now - Date.parse(keyCreatedAt)) / 86_400_000) : undefined;
