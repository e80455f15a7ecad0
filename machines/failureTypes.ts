/**
 * The error types activities fail with, in one list: activities throw them, machines branch on
 * them (an invoke's `onError` guard reads `failureType(event.error)`), and tests name them.
 */
export const activityFailureTypes = {
  /** The link re-checks what `checking` saw: each of these sends an office user back to wait. */
  managerNotLinked: 'ManagerNotLinked',
  agentOffline: 'AgentOffline',
  identityUnusable: 'IdentityUnusable',
  officeUserNotFound: 'OfficeUserNotFound',
  clientUserNotFound: 'ClientUserNotFound',
  contractNotFound: 'ContractNotFound',
  hiringLinkNotFound: 'HiringLinkNotFound',
  /** certificateRenewal: the company is gone, or an upload is not the company's. */
  unknownCompany: 'UnknownCompany',
  unknownUpload: 'UnknownUpload',
  noCorrectionPending: 'NoCorrectionPending',
  notConfigured: 'NotConfigured',
  /** A placeholder contact address: nothing is sent until it is corrected. */
  undeliverableAddress: 'UndeliverableAddress',
  /** An activity meant for workflows was called from elsewhere. */
  noWorkflow: 'NoWorkflow',
} as const;

export type ActivityFailureType = (typeof activityFailureTypes)[keyof typeof activityFailureTypes];
