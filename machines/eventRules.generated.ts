// Generated from the zod event schemas by machines/eventRules.source.ts; do not edit.
import type { PayloadSchema } from './payloadRules.js';

export const eventRules = {
  'clientUserOnboarding@1': {
    CORRECT_EMAIL: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    RESEND_NOW: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    CANCEL: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    DEACTIVATE: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    EXTEND_DEADLINE: {
      type: 'object',
      properties: {
        days: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 90,
        },
      },
      required: ['days'],
      additionalProperties: false,
    },
    REGISTERED: {
      type: 'object',
      properties: {
        identityId: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
        },
      },
      required: ['identityId'],
      additionalProperties: false,
    },
    ACCOUNT_LINK_CONFIRMED: {
      type: 'object',
      properties: {
        identityId: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
        },
      },
      required: ['identityId'],
      additionalProperties: false,
    },
    PASSWORD_RESET: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
  },
  'officeUserLink@1': {
    RECHECK: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    MANAGER_LINKED: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    AGENT_ONLINE: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    CREDENTIALS_REJECTED: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    DEACTIVATE: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    CREDENTIALS_VERIFIED: {
      type: 'object',
      properties: {
        identityId: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
        },
      },
      required: ['identityId'],
      additionalProperties: false,
    },
  },
  'officeUserLink@2': {
    RECHECK: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    MANAGER_LINKED: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    AGENT_ONLINE: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    CREDENTIALS_REJECTED: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    DEACTIVATE: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    CREDENTIALS_VERIFIED: {
      type: 'object',
      properties: {
        identityId: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
        },
      },
      required: ['identityId'],
      additionalProperties: false,
    },
    RESEND_NOW: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    CANCEL: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    EXTEND_DEADLINE: {
      type: 'object',
      properties: {
        days: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 90,
        },
      },
      required: ['days'],
      additionalProperties: false,
    },
    HEARTBEAT: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    RECONNECT: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    PASSWORD_RESET: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
  },
  'certificateRenewal@1': {
    UPLOADED: {
      type: 'object',
      properties: {
        certificateId: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
        },
      },
      required: ['certificateId'],
      additionalProperties: false,
    },
    RESEND_NOW: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    CANCEL: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
  },
  'clientContract@1': {
    CONFIRM: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    BLOCK: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    UNBLOCK: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    CANCEL: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    RETRY: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
  },
  'clientHiring@1': {
    RESEND_NOW: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    EXTEND_DEADLINE: {
      type: 'object',
      properties: {
        days: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 90,
        },
      },
      required: ['days'],
      additionalProperties: false,
    },
    CANCEL: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    SIGNED_UP: {
      type: 'object',
      properties: {
        companyId: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
        },
      },
      required: ['companyId'],
      additionalProperties: false,
    },
  },
  'integrationKeyRotation@1': {
    REVOKE_NOW: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
  },
  'connectionRequest@1': {
    RESEND_NOW: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    EXTEND_DEADLINE: {
      type: 'object',
      properties: {
        days: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 90,
        },
      },
      required: ['days'],
      additionalProperties: false,
    },
    CANCEL: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    ACCOUNT_CREATED: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    OFFICE_MATCHED: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    UNMATCHED: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    APPROVE: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    REJECT: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    REVOKE: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
  },
  'planChange@1': {
    APPLY_NOW: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    CANCEL: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
    RETRY: {
      type: 'object',
      properties: {},
      additionalProperties: false,
    },
  },
} satisfies Record<string, Record<string, PayloadSchema>>;
