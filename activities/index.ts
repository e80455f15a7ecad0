import type { Knex } from 'knex';
import { createProjectionActivities } from './projection.js';

export interface ActivityDeps {
  db: Knex;
}

/** Every activity the worker registers, by name. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createProjectionActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
