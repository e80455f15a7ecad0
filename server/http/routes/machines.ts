import { Router } from 'express';
import { describeMachine } from '../../../machines/describe.js';
import type { MachineRegistry } from '../../../machines/definition.js';
import { requireRole } from '../../auth/principal.js';
import { AppError } from '../errors.js';

/**
 * Each machine's states, events and transitions, for the console's diagrams and forms: every
 * version still registered, so a process's page draws the statechart it actually runs.
 */
export function machinesRouter(registry: MachineRegistry): Router {
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
