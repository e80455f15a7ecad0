// A test bundle's entry whose workflow code differs from the current one by one step at its start
// (a versioning marker the current code does not know): histories it records cannot be replayed by
// the current code, as after a change shipped without a patch or a new machine version.
import { patched } from '@temporalio/workflow';
import { machineWorkflow as current } from './workflows.js';

export async function machineWorkflow(args: Parameters<typeof current>[0]): Promise<unknown> {
  patched('drifted-start');
  return current(args);
}
