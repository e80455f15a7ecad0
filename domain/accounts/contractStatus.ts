import type { ContractStatus } from '../../machines/clientContract.schema.js';

export { contractStatuses, type ContractStatus } from '../../machines/clientContract.schema.js';

/**
 * Which status an account may be given from which, and the clientContract event that does it.
 * The machine is the authority; this table lets a refusal name the statuses that are allowed.
 */
export const statusMoves: Record<ContractStatus, Partial<Record<ContractStatus, string>>> = {
  Teste: { Efetivado: 'CONFIRM', Bloqueado: 'BLOCK', Cancelado: 'CANCEL' },
  Efetivado: { Bloqueado: 'BLOCK', Cancelado: 'CANCEL' },
  Bloqueado: { Efetivado: 'UNBLOCK', Cancelado: 'CANCEL' },
  Cancelado: {},
};

export const allowedFrom = (status: ContractStatus): ContractStatus[] =>
  Object.keys(statusMoves[status]) as ContractStatus[];

/** Statuses in which the account's users may not sign in and its integration keys do not work. */
export const closedStatuses: readonly ContractStatus[] = ['Bloqueado', 'Cancelado'];

/** Why a closed account refuses, in words a person understands. */
export function closedReason(status: ContractStatus): string | undefined {
  if (status === 'Bloqueado')
    return 'This account is blocked: its trial ended without confirmation or the office blocked it. Ask your accounting office to unblock it.';
  if (status === 'Cancelado') return 'This account was cancelled. Ask your accounting office to hire it again.';
  return undefined;
}
