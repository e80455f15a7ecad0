// The workflow bundle entry: the one interpreter workflow bound to the production machines.
import { registry } from '../machines/index.js';
import { createMachineWorkflow } from './interpreter.js';

export const machineWorkflow = createMachineWorkflow(registry);
