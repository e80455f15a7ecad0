import { DomainError } from '../errors.js';
import { instanceTarget, type NumberedAuditPort, type ProcessResets, type ResetOutcome } from '../ports.js';
import type { Nudger } from './nudges.js';

// An operator's reset takes a process whose workflow task keeps failing (its code no longer replays
// its history, or throws) back to its last good task, once the code is fixed. Like a nudge, it is
// decided here and recorded in the audit log whatever the outcome; the router parses and answers.

export interface ResetDeps {
  instances: ProcessResets;
  audit: NumberedAuditPort;
}

export function resetService(deps: ResetDeps) {
  const { instances, audit } = deps;
  return {
    async reset(id: string, reason: string, by: Nudger): Promise<ResetOutcome> {
      const entry = { actor: by.auditActor, action: 'instance.reset', target: instanceTarget(id), reason };
      try {
        const outcome = await instances.resetToLastGoodTask(id);
        await audit.record({ ...entry, details: { outcome: 'reset', ...outcome } });
        return outcome;
      } catch (err) {
        const error = err instanceof DomainError ? err.code : 'internal';
        await audit.record({ ...entry, details: { outcome: 'refused', error } });
        throw err;
      }
    },
  };
}
