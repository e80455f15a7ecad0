import type { ContractInput } from '../../machines/clientContract.schema.js';
import type { HiringInput } from '../../machines/clientHiring.schema.js';
import type { KeyRotationInput } from '../../machines/integrationKeyRotation.schema.js';
import type { OnboardingInput } from '../../machines/clientUserOnboarding.machine.js';
import type { OfficeUserLinkV2Input } from '../../machines/officeUserLink.v2.machine.js';
import type { ConnectionInput } from '../../machines/connectionRequest.machine.js';
import type { CertificateRenewalInput } from '../../machines/certificateRenewal.schema.js';
import { CertificateService } from '../certificates/service.js';
import type { CertificateStore } from '../certificates/store.js';
import type { MailSettings } from '../mail/outbox.js';
import type { EventDelivery, NumberedAuditPort, ProcessMachines, ProcessPort, ProcessResets } from '../ports.js';
import type { UnitDeps } from '../unitOfWork.js';
import { clientUserService } from './clientUsers.js';
import { connectionRequestService } from './connectionRequests.js';
import { contractService } from './contracts.js';
import { hiringService } from './hiring.js';
import { integrationKeyService } from './integrationKeys.js';
import { linkedEmailService } from './linkedEmails.js';
import { officeService } from './offices.js';
import { officeUserService } from './officeUsers.js';
import { officeLinkHealthService } from './officeLinkHealth.js';
import { outboxService } from './outbox.js';
import { passwordResetService } from './passwordResets.js';
import { planChangeService, type PlanChangeTiming } from './planChanges.js';
import { portalStepService } from './portalSteps.js';
import { processStartService } from './processStarts.js';
import { nudgeService } from './nudges.js';
import { resetService } from './resets.js';
import { registrationService } from './registrations.js';

/** Each process's timing, as configured (server/config.ts resolves the defaults of domain/settings.ts). */
export interface ProcessTimings {
  onboarding: OnboardingInput['timing'];
  officeLink: OfficeUserLinkV2Input['timing'];
  contract: ContractInput['timing'];
  hiring: HiringInput['timing'];
  keyRotation: KeyRotationInput['timing'];
  connection: ConnectionInput['timing'];
  certificates: CertificateRenewalInput['timing'];
  planChange: PlanChangeTiming;
}

/** What the services are built over: the ports, the stores and the settings, handed down by the server. */
export interface DomainDeps extends UnitDeps {
  /** The processes, which machine version each runs (operators' nudges check it), and their resets. */
  instances: ProcessPort & ProcessMachines & ProcessResets;
  /** The audit log; a bulk nudge's entries point back to the entry of the call by its id. */
  audit: NumberedAuditPort;
  timing: ProcessTimings;
  mail: MailSettings;
  /** Signs portal links, hiring links and the connection requests' links. */
  tokenSecret: string;
  /** Delivers a person's queued step to its process at once (the relay). */
  delivery: EventDelivery;
  /** How long a person's step waits for its process before answering "recorded". */
  portalStepWaitMs: number;
  /** How long a mailed password-reset link works. */
  passwordResetTtlMs: number;
  /** The sealed certificate store. */
  certificates: CertificateStore;
  /** Where a failed background send is reported. */
  log?: (message: string, err?: unknown) => void;
}

/** Everything the domain does for people and operators, built once over the same ports and settings. */
export function domainServices(deps: DomainDeps) {
  const { db, timing } = deps;
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
    registrations: registrationService({ db, offices, contracts, clientUsers }),
    planChanges: planChangeService({ ...deps, timing: timing.planChange }),
    passwordResets: passwordResetService({ ...deps, ttlMs: deps.passwordResetTtlMs }),
    portalSteps: portalStepService({ ...deps, waitMs: deps.portalStepWaitMs }),
    officeLinkHealth: officeLinkHealthService(deps),
    processStarts: processStartService(deps),
    nudges: nudgeService(deps),
    resets: resetService(deps),
    certificates: new CertificateService({
      ...deps,
      store: deps.certificates,
      remindBeforeMs: timing.certificates.remindBeforeMs,
    }),
  };
}

export type DomainServices = ReturnType<typeof domainServices>;
