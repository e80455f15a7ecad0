import { createRegistry } from '../../machines/definition.js';
import { registry } from '../../machines/index.js';
import { parallelProbe } from './machines/parallelProbe.machine.js';
import { stepProbe } from './machines/stepProbe.machine.js';
import { taskProbe } from './machines/taskProbe.machine.js';
import { timerProbe } from './machines/timerProbe.machine.js';
import { versionProbeV1, versionProbeV2 } from './machines/versionProbe.machine.js';

/** Production machines plus the probes that exercise each part of the engine (versionProbe in two versions). */
export const testRegistry = createRegistry([
  ...registry.all(),
  taskProbe,
  timerProbe,
  parallelProbe,
  stepProbe,
  versionProbeV1,
  versionProbeV2,
]);
