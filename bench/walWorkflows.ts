// The benchmark's workflow bundle entry: the production interpreter bound to the bench machine.
import { createMachineWorkflow } from '../workflows/interpreter.js';
import { benchRegistry } from './machine.js';

export const machineWorkflow = createMachineWorkflow(benchRegistry);
