import type { ActivityOptions, LocalActivityOptions } from '@temporalio/common';
import type { CertificateRenewalActivity } from '../machines/certificateRenewal.machine.js';
import type { ContractActivity } from '../machines/clientContract.machine.js';
import type { HiringActivity } from '../machines/clientHiring.machine.js';
import type { KeyRotationActivity } from '../machines/integrationKeyRotation.machine.js';
import type { ConnectionActivity } from '../machines/connectionRequest.machine.js';
import type { OnboardingActivity } from '../machines/clientUserOnboarding.machine.js';
import type { OfficeUserLinkActivity } from '../machines/officeUserLink.machine.js';
import type { OfficeUserLinkV2Activity } from '../machines/officeUserLink.v2.machine.js';
import type { PlanChangeActivity } from '../machines/planChange.machine.js';

// Timeouts and retry policies for each activity, by name. The interpreter workflow reads them to
// schedule activities, so they live beside it as pure data.

/** Activities the production machines invoke or name: a profile for anything else is a typo. */
type MachineActivity =
  | OnboardingActivity
  | OfficeUserLinkActivity
  | OfficeUserLinkV2Activity
  | CertificateRenewalActivity
  | ContractActivity
  | HiringActivity
  | KeyRotationActivity
  | ConnectionActivity
  | PlanChangeActivity;

/** Retries a few times with backoff; the final failure becomes an event the machine handles. */
export const defaultActivityProfile: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
};

/**
 * Mail servers go away for minutes at a time: keep trying for about half an hour before giving up.
 * The send heartbeats, so a worker that died mid-send is noticed in seconds, not at the timeout.
 */
const mailProfile: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10 },
};

/** Directory reads and writes are quick; a slow one is a stuck database, not work in progress. */
const directoryProfile: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
};

export const activityProfiles: Readonly<Record<string, ActivityOptions>> = {
  sendRegistrationEmail: mailProfile,
  sendConnectionInvitation: mailProfile,
  sendConnectionApproval: mailProfile,
  classifyConnectionRequest: directoryProfile,
  activateConnection: directoryProfile,
  finishRevocation: directoryProfile,
  closeConnectionRequest: directoryProfile,
  classifyClientUserEmail: directoryProfile,
  registerWithPlaceholder: directoryProfile,
  correctClientUserEmail: directoryProfile,
  completeClientUserRegistration: directoryProfile,
  linkClientUserIdentity: directoryProfile,
  closeClientUserOnboarding: directoryProfile,
  checkOfficeUserLink: directoryProfile,
  linkOfficeUser: directoryProfile,
  unlinkOfficeUser: directoryProfile,
  planCertificateRenewal: directoryProfile,
  validateCertificate: directoryProfile,
  blockCompanyInvoicing: directoryProfile,
  sendCertificateReminder: mailProfile,
  checkAgentConnection: directoryProfile,
  sendOfficeLinkReminder: mailProfile,
  sendAgentDisconnectedNotice: mailProfile,
  recordContractStatus: directoryProfile,
  sendTrialReminder: mailProfile,
  sendHiringLink: mailProfile,
  closeHiringLink: directoryProfile,
  sendKeyGraceReminder: mailProfile,
  revokePreviousKeys: directoryProfile,
  applyPlanChange: directoryProfile,
  withdrawPlanChange: directoryProfile,
} satisfies Partial<Record<MachineActivity, ActivityOptions>>;

/** The projection must not be lost: it retries until the database answers again. */
export const projectionProfile: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '30 seconds' },
};

export function profileFor(name: string, extra: Record<string, ActivityOptions> = {}): ActivityOptions {
  return extra[name] ?? activityProfiles[name] ?? defaultActivityProfile;
}
