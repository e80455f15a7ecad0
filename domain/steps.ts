import type { ActivityFailureType } from '../machines/failureTypes.js';

// A process step is a domain function a machine's invoke or named action runs (by name, through
// activities/, which Temporal retries). Steps read and write by id and are safe to repeat.

/** What a step gets from the engine that runs it. */
export interface StepContext {
  /** The id of the process the step belongs to (keys its mail, owns its portal links). */
  instanceId(): string;
  /** Says a long step (a send through SMTP) is still working. */
  heartbeat(): void;
}

/**
 * A step that trying again cannot fix (the row is gone, the manager is not linked yet): it fails
 * for good with this type, and the machine may branch on it (`failureType(event.error)`).
 */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly failureType: ActivityFailureType,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}
