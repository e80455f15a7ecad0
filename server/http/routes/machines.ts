import { Router } from 'express';
import type { Knex } from 'knex';
import type { MachineMap } from '../../../contracts/api.js';
import { describeMachine } from '../../../machines/describe.js';
import type { MachineRegistry } from '../../../machines/definition.js';
import { requireRole } from '../../auth/principal.js';
import { AppError } from '../errors.js';
import { instanceCounts } from '../../db/instanceCounts.js';

/**
 * Each machine's states, events and transitions, for the console's diagrams and forms: every
 * version still registered, so a process's page draws the statechart it actually runs.
 */
export function machinesRouter(registry: MachineRegistry, db: Knex): Router {
  const descriptions = registry.all().map((d) => describeMachine(d, registry.latest(d.id)?.version === d.version));
  const router = Router();
  router.use('/machines', requireRole('admin', 'operator', 'auditor'));
  router.get('/machines', (_req, res) => {
    res.json(descriptions);
  });
  // The latest version, the one new processes start on.
  router.get('/machines/:id', (req, res) => {
    const found = descriptions.find((d) => d.id === req.params.id && d.latest);
    if (!found) throw new AppError(404, 'unknown_machine', `There is no machine "${req.params.id}".`);
    res.json(found);
  });
  // Where the running processes stand, for the live map: counted by the database, per state.
  router.get('/machines/:id/map', async (req, res) => {
    const id = String(req.params.id);
    if (registry.versions(id).length === 0) throw new AppError(404, 'unknown_machine', `There is no machine "${id}".`);
    res.json(await machineMap(db, id));
  });
  router.get('/machines/:id/versions/:version', (req, res) => {
    const version = Number(req.params.version);
    const found = descriptions.find((d) => d.id === req.params.id && d.version === version);
    if (!found) {
      const known = registry.versions(req.params.id);
      throw new AppError(
        404,
        'unknown_machine',
        known.length
          ? `Machine "${req.params.id}" has no version "${req.params.version}". Registered versions: ${known.join(', ')}.`
          : `There is no machine "${req.params.id}".`,
      );
    }
    res.json(found);
  });
  return router;
}

/** Running and stuck processes of a machine per state; each region of a parallel state counts. */
export async function machineMap(db: Knex, machine: string): Promise<MachineMap> {
  const rows = (await instanceCounts(db)
    .where({ machine, status: 'running' })
    .where('n', '>', 0)
    .select('state', 'stuck', 'n')) as Array<{ state: string; stuck: boolean | number; n: number | string }>;
  const perState = new Map<string, { state: string; running: number; stuck: number }>();
  let running = 0;
  let stuck = 0;
  for (const row of rows) {
    const n = Number(row.n);
    running += n;
    if (row.stuck) stuck += n;
    for (const state of String(row.state).split('|').filter(Boolean)) {
      const entry = perState.get(state) ?? { state, running: 0, stuck: 0 };
      entry.running += n;
      if (row.stuck) entry.stuck += n;
      perState.set(state, entry);
    }
  }
  const states = [...perState.values()].sort((a, b) => a.state.localeCompare(b.state));
  return { machine, states, running, stuck, at: new Date().toISOString() };
}
