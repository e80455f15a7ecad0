// The test bundle's entry: the production interpreter bound to the production machines plus the probes.
import { createMachineWorkflow } from '../../workflows/interpreter.js';
import { testProfiles } from './probeProfiles.js';
import { testRegistry } from './registry.js';

export const machineWorkflow = createMachineWorkflow(testRegistry, testProfiles);
