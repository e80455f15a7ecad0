import type { ContractInput } from '../../machines/clientContract.schema.js';
import type { HiringInput } from '../../machines/clientHiring.schema.js';
import type { KeyRotationInput } from '../../machines/integrationKeyRotation.schema.js';
import type { OnboardingInput } from '../../machines/clientUserOnboarding.machine.js';
import type { OfficeUserLinkV2Input } from '../../machines/officeUserLink.v2.machine.js';
import type { MailSettings } from '../mail/outbox.js';
import type { UnitDeps } from '../unitOfWork.js';
import { clientUserService } from './clientUsers.js';
import { contractService } from './contracts.js';
import { hiringService } from './hiring.js';
import { integrationKeyService } from './integrationKeys.js';
import { defaultContractTiming, defaultHiringTiming } from '../settings.js';
import { connectionRequestService } from './connectionRequests.js';
import { linkedEmailService } from './linkedEmails.js';
import { defaultConnectionTiming } from '../settings.js';
import type { ConnectionInput } from '../../machines/connectionRequest.machine.js';
import { officeService } from './offices.js';
import { officeUserService } from './officeUsers.js';
import { outboxService } from './outbox.js';
import { planChangeService, type PlanChangeTiming } from './planChanges.js';
import { registrationService } from './registrations.js';

export interface DomainDeps extends UnitDeps {
  timing: {
    onboarding: OnboardingInput['timing'];
    officeLink: OfficeUserLinkV2Input['timing'];
    /** Defaults to domain/settings.ts when a caller has no configuration for accounts. */
    contract?: ContractInput['timing'];
    hiring?: HiringInput['timing'];
    keyRotation?: KeyRotationInput['timing'];
    connection?: ConnectionInput['timing'];
    planChange?: PlanChangeTiming;
  };
  mail: MailSettings;
  /** Signs hiring links and the connection requests' links; without it no link can be made. */
  tokenSecret?: string;
}

/** Every directory service, built once over the same database, audit log and processes. */
export function domainServices(deps: DomainDeps) {
  const contracts = contractService({ ...deps, timing: deps.timing.contract ?? defaultContractTiming });
  const hiring = hiringService({
    ...deps,
    timing: deps.timing.hiring ?? defaultHiringTiming,
    tokenSecret: deps.tokenSecret ?? '',
    contracts,
  });
  const connectionRequests = connectionRequestService({
    ...deps,
    timing: deps.timing.connection ?? defaultConnectionTiming,
  });
  const clientUsers = clientUserService({ ...deps, timing: deps.timing.onboarding });
  const offices = officeService(deps);
  return {
    connectionRequests,
    clientUsers,
    officeUsers: officeUserService({ ...deps, timing: deps.timing.officeLink }),
    offices,
    contracts,
    hiring,
    integrationKeys: integrationKeyService({
      ...deps,
      timing: deps.timing.keyRotation ?? { graceMs: 0, reminderBeforeMs: 0 },
    }),
    linkedEmails: linkedEmailService({ ...deps, listener: () => connectionRequests.linkedEmailListener }),
    outbox: outboxService(deps),
    registrations: registrationService({ db: deps.db, offices, contracts, clientUsers }),
    planChanges: planChangeService({ ...deps, timing: deps.timing.planChange ?? {} }),
  };
}

export type DomainServices = ReturnType<typeof domainServices>;
