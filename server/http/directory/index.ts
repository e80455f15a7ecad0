import { Router } from 'express';
import { auditDirectoryWrites } from './auditWrites.js';
import { clientUsersRouter } from './clientUsers.js';
import { companiesRouter } from './companies.js';
import type { DirectoryDeps } from './deps.js';
import { officesRouter } from './offices.js';
import { officeUsersRouter } from './officeUsers.js';
import { outboxRouter } from './outbox.js';

export type { DirectoryDeps } from './deps.js';

/** The API resources of the directory and the outbox, to pass to createApp's `routers`. */
export const directoryRouters = (deps: DirectoryDeps): Router[] => [
  Router().use(auditDirectoryWrites(deps.audit)),
  officesRouter(deps),
  companiesRouter(deps),
  officeUsersRouter(deps),
  clientUsersRouter(deps),
  outboxRouter(deps),
];
