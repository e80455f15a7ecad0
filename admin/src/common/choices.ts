/** Choice lists whose labels are translation keys. */
const keyed = (prefix: string, ids: string[]) => ids.map((id) => ({ id, name: `${prefix}.${id}` }));

export const officeRoleChoices = keyed('vinculo.role', ['manager', 'staff']);
export const operatorRoleChoices = keyed('vinculo.role', ['admin', 'operator', 'auditor']);
export const directionChoices = keyed('vinculo.direction', ['officeToClient', 'clientToOffice']);
export const mailStatusChoices = ['queued', 'sent', 'captured', 'failed'].map((id) => ({ id, name: id }));
export const connectionStateChoices = keyed('vinculo.connections.state', [
  'open',
  'active',
  'rejected',
  'expired',
  'cancelled',
  'revoked',
]);
