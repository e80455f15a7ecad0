import { Router } from 'express';
import { accountsRouter } from '../accounts/accounts.js';
import { hiringRouter } from '../accounts/hiring.js';
import { clientUsersRouter } from './clientUsers.js';
import { companiesRouter } from './companies.js';
import { directoryActionsRouter } from './directoryActions.js';
import type { RouterDeps } from './deps.js';
import { connectionRequestsRouter } from './connectionRequests.js';
import { linkedEmailsRouter } from './linkedEmails.js';
import { officesRouter } from './offices.js';
import { officeUsersRouter } from './officeUsers.js';
import { outboxRouter } from './outbox.js';
import { queuedEventsRouter } from './queuedEvents.js';
import { officeLinkHealthRouter } from './officeLinkHealth.js';

/** The API resources of the directory and the outbox, to pass to createApp's `routers`. */
export const directoryRouters = (deps: RouterDeps): Router[] => [
  officesRouter(deps),
  linkedEmailsRouter(deps),
  connectionRequestsRouter(deps),
  companiesRouter(deps),
  officeUsersRouter(deps),
  clientUsersRouter(deps),
  directoryActionsRouter(deps),
  outboxRouter(deps),
  accountsRouter(deps),
  hiringRouter(deps),
  queuedEventsRouter(deps),
  officeLinkHealthRouter(deps),
];
