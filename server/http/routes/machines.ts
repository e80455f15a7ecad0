import { Router } from 'express';
import { describeMachine } from '../../../machines/describe.js';
import type { MachineRegistry } from '../../../machines/definition.js';
import { requireRole } from '../../auth/principal.js';
import { AppError } from '../errors.js';

/** Each machine's states, events and transitions, for the console's diagrams and forms. */
export function machinesRouter(registry: MachineRegistry): Router {
  const descriptions = Object.values(registry).map(describeMachine);
  const router = Router();
  router.use('/machines', requireRole('admin', 'operator', 'auditor'));
  router.get('/machines', (_req, res) => {
    res.json(descriptions);
  });
  router.get('/machines/:id', (req, res) => {
    const found = descriptions.find((d) => d.id === req.params.id);
    if (!found) throw new AppError(404, 'unknown_machine', `There is no machine "${req.params.id}".`);
    res.json(found);
  });
  return router;
}
