// The engine side's bundle entry: the production interpreter with the production registry (what
// a worker really loads) plus the benchmark machine.
import { createRegistry } from '../machines/definition.js';
import { engineRegistry } from '../machines/engine.js';
import { createMachineWorkflow } from '../workflows/interpreter.js';
import { costMachineV1 } from './costMachine.js';

export const machineWorkflow = createMachineWorkflow(createRegistry([...engineRegistry.all(), costMachineV1]));
