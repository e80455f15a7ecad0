import type { OnboardingInput } from '../../machines/clientUserOnboarding.machine.js';
import type { OfficeUserLinkInput } from '../../machines/officeUserLink.machine.js';
import type { MailSettings } from '../mail/outbox.js';
import type { UnitDeps } from '../unitOfWork.js';
import { clientUserService } from './clientUsers.js';
import { connectionRequestService } from './connectionRequests.js';
import { linkedEmailService } from './linkedEmails.js';
import { defaultConnectionTiming } from '../settings.js';
import type { ConnectionInput } from '../../machines/connectionRequest.machine.js';
import { officeService } from './offices.js';
import { officeUserService } from './officeUsers.js';
import { outboxService } from './outbox.js';

export interface DomainDeps extends UnitDeps {
  timing: {
    onboarding: OnboardingInput['timing'];
    officeLink: OfficeUserLinkInput['timing'];
    connection?: ConnectionInput['timing'];
  };
  mail: MailSettings;
  /** Signs and checks the connection requests' links. */
  tokenSecret?: string;
}

/** Every directory service, built once over the same database, audit log and processes. */
export function domainServices(deps: DomainDeps) {
  const connectionRequests = connectionRequestService({
    ...deps,
    timing: deps.timing.connection ?? defaultConnectionTiming,
  });
  return {
    connectionRequests,
    clientUsers: clientUserService({ ...deps, timing: deps.timing.onboarding }),
    officeUsers: officeUserService({ ...deps, timing: deps.timing.officeLink }),
    offices: officeService(deps),
    linkedEmails: linkedEmailService({ ...deps, listener: () => connectionRequests.linkedEmailListener }),
    outbox: outboxService(deps),
  };
}

export type DomainServices = ReturnType<typeof domainServices>;
