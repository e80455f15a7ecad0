import type { Knex } from 'knex';

/** Whether the office's communication agent reported within the window. */
export async function isAgentOnline(db: Knex, officeId: string, windowMs: number, now = Date.now()): Promise<boolean> {
  const office = await db('offices').where({ id: officeId }).first('agentOnlineAt');
  const at = office?.agentOnlineAt ? Date.parse(String(office.agentOnlineAt)) : NaN;
  return Number.isFinite(at) && now - at <= windowMs;
}

/** The officeUserLink processes of an office that wait in a given state, from the projection. */
export async function waitingLinks(db: Knex, officeId: string, state: string): Promise<string[]> {
  const rows = await db('instances')
    .where({ machine: 'officeUserLink', officeId, status: 'running', state })
    .select('id');
  return rows.map((r: { id: string }) => r.id);
}

/** The linked officeUserLink processes (version 2) of an office whose agent counts as disconnected. */
export async function disconnectedLinks(db: Knex, officeId: string): Promise<string[]> {
  const rows = await db('instances')
    .where({ machine: 'officeUserLink', officeId, status: 'running' })
    .where('state', 'like', 'linked.disconnected%')
    .select('id');
  return rows.map((r: { id: string }) => r.id);
}
