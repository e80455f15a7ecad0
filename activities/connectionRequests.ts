import { connectionSteps, type ConnectionStepDeps } from '../domain/services/steps/connectionRequests.js';
import { asActivities } from './steps.js';

export type ConnectionActivityDeps = ConnectionStepDeps;

/** The steps of connectionRequest (domain/services/steps/connectionRequests.ts), as activities. */
export function createConnectionActivities(deps: ConnectionActivityDeps) {
  return asActivities(connectionSteps(deps));
}
