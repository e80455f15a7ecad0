import type { ContractInput } from '../../machines/clientContract.schema.js';
import type { HiringInput } from '../../machines/clientHiring.schema.js';
import type { KeyRotationInput } from '../../machines/integrationKeyRotation.schema.js';
import type { OnboardingInput } from '../../machines/clientUserOnboarding.machine.js';
import type { OfficeUserLinkV2Input } from '../../machines/officeUserLink.v2.machine.js';
import type { ConnectionInput } from '../../machines/connectionRequest.machine.js';
import type { MailSettings } from '../mail/outbox.js';
import type { UnitDeps } from '../unitOfWork.js';
import { clientUserService } from './clientUsers.js';
import { connectionRequestService } from './connectionRequests.js';
import { contractService } from './contracts.js';
import { hiringService } from './hiring.js';
import { integrationKeyService } from './integrationKeys.js';
import { linkedEmailService } from './linkedEmails.js';
import { officeService } from './offices.js';
import { officeUserService } from './officeUsers.js';
import { outboxService } from './outbox.js';
import { planChangeService, type PlanChangeTiming } from './planChanges.js';
import { registrationService } from './registrations.js';

/** Each process's timing, as configured (server/config.ts resolves the defaults of domain/settings.ts). */
export interface ProcessTimings {
  onboarding: OnboardingInput['timing'];
  officeLink: OfficeUserLinkV2Input['timing'];
  contract: ContractInput['timing'];
  hiring: HiringInput['timing'];
  keyRotation: KeyRotationInput['timing'];
  connection: ConnectionInput['timing'];
  planChange: PlanChangeTiming;
}

export interface DomainDeps extends UnitDeps {
  timing: ProcessTimings;
  mail: MailSettings;
  /** Signs hiring links and the connection requests' links. */
  tokenSecret: string;
}

/** Every directory service, built once over the same database, audit log and processes. */
export function domainServices(deps: DomainDeps) {
  const { timing } = deps;
  const contracts = contractService({ ...deps, timing: timing.contract });
  const hiring = hiringService({ ...deps, timing: timing.hiring, contracts });
  const connectionRequests = connectionRequestService({ ...deps, timing: timing.connection });
  const clientUsers = clientUserService({ ...deps, timing: timing.onboarding });
  const offices = officeService(deps);
  return {
    connectionRequests,
    clientUsers,
    officeUsers: officeUserService({ ...deps, timing: timing.officeLink }),
    offices,
    contracts,
    hiring,
    integrationKeys: integrationKeyService({ ...deps, timing: timing.keyRotation }),
    linkedEmails: linkedEmailService({ ...deps, listener: () => connectionRequests.linkedEmailListener }),
    outbox: outboxService(deps),
    registrations: registrationService({ db: deps.db, offices, contracts, clientUsers }),
    planChanges: planChangeService({ ...deps, timing: timing.planChange }),
  };
}

export type DomainServices = ReturnType<typeof domainServices>;
