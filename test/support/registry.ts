import { createRegistry } from '../../machines/definition.js';
import { registry } from '../../machines/index.js';
import { parallelProbe } from './machines/parallelProbe.machine.js';
import { taskProbe } from './machines/taskProbe.machine.js';
import { timerProbe } from './machines/timerProbe.machine.js';

/** Production machines plus the probes that exercise each part of the engine. */
export const testRegistry = createRegistry([...Object.values(registry), taskProbe, timerProbe, parallelProbe]);
