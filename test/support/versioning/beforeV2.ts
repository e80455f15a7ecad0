// A workflow bundle from before versionProbe version 2 shipped: the interpreter knows version 1 only.
import { createRegistry } from '../../../machines/definition.js';
import { createMachineWorkflow } from '../../../workflows/interpreter.js';
import { versionProbeV1 } from '../machines/versionProbe.machine.js';

export const machineWorkflow = createMachineWorkflow(createRegistry([versionProbeV1]));
