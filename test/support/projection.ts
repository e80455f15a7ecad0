import type { Db } from '../../server/db/index.js';

export interface TransitionRow {
  seq: number;
  from: string | null;
  to: string;
  event: string;
  actor: string;
  reason: string | null;
  at: string;
}

export const transitionsOf = (db: Db, instanceId: string): Promise<TransitionRow[]> =>
  db('transitions').where({ instanceId }).orderBy('seq').select('seq', 'from', 'to', 'event', 'actor', 'reason', 'at');

export const instanceRow = (db: Db, id: string) => db('instances').where({ id }).first();

/** The path a process took, as `from -event-> to` lines: easy to compare and to read in a failure. */
export const pathOf = (rows: TransitionRow[]) => rows.map((r) => `${r.from ?? '∅'} -${r.event}-> ${r.to}`);
