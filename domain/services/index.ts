import type { OnboardingInput } from '../../machines/clientUserOnboarding.machine.js';
import type { OfficeUserLinkInput } from '../../machines/officeUserLink.machine.js';
import type { MailSettings } from '../mail/outbox.js';
import type { UnitDeps } from '../unitOfWork.js';
import { clientUserService } from './clientUsers.js';
import { linkedEmailService } from './linkedEmails.js';
import { officeService } from './offices.js';
import { officeUserService } from './officeUsers.js';
import { outboxService } from './outbox.js';

export interface DomainDeps extends UnitDeps {
  timing: { onboarding: OnboardingInput['timing']; officeLink: OfficeUserLinkInput['timing'] };
  mail: MailSettings;
}

/** Every directory service, built once over the same database, audit log and processes. */
export function domainServices(deps: DomainDeps) {
  return {
    clientUsers: clientUserService({ ...deps, timing: deps.timing.onboarding }),
    officeUsers: officeUserService({ ...deps, timing: deps.timing.officeLink }),
    offices: officeService(deps),
    linkedEmails: linkedEmailService(deps),
    outbox: outboxService(deps),
  };
}

export type DomainServices = ReturnType<typeof domainServices>;
