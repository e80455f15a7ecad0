// The workflow bundle entry: the one interpreter workflow bound to the production machines.
import { engineRegistry } from '../machines/engine.js';
import { createMachineWorkflow } from './interpreter.js';

export const machineWorkflow = createMachineWorkflow(engineRegistry);
