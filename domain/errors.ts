/**
 * What can go wrong in the domain, said without HTTP: the kind tells a transport how to answer
 * (the HTTP layer maps it to a status in server/http/errors.ts), the code is the stable name a
 * caller can act on, the message is a sentence for a person.
 */
export type DomainErrorKind =
  | 'invalid' // the request itself is wrong
  | 'unauthenticated' // credentials missing or wrong
  | 'forbidden' // allowed to no one in this role
  | 'not_found'
  | 'conflict' // the current state refuses it (duplicate, event not allowed now)
  | 'gone' // it existed and can no longer be used
  | 'throttled' // too many attempts; details.retryAfterSeconds says when to try again
  | 'unavailable'; // a dependency failed after the change was saved; the same request may be sent again

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('not_found', 'not_found', `${what} "${id}" does not exist.`);

export const invalid = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError('invalid', code, message, details);

export const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError('conflict', code, message, details);

/** An event the process cannot take now, with the state and the reason. */
export const eventNotAllowed = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('conflict', 'event_not_allowed', message, details);
