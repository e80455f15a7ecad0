import type { Knex } from 'knex';
import { normalizeEmail } from '../../domain/directory/validation.js';
import { readPortalToken, TokenError, type PortalTokenRow, type TokenPurpose } from '../../domain/tokens.js';
import type { InstanceService } from '../temporal/instances.js';
import { AppError } from '../http/errors.js';
import { DomainError } from '../../domain/errors.js';
import { requestWaitsMs } from '../../domain/settings.js';
import { waitOrStop } from '../../domain/waits.js';

/** The machine event each kind of link leads to: the token is valid only while the process awaits it. */
export const eventForPurpose: Record<TokenPurpose, string> = { register: 'REGISTERED', link: 'ACCOUNT_LINK_CONFIRMED' };

export interface UsableToken {
  row: PortalTokenRow;
  user: { id: string; name: string; email: string; locale: string; companyId: string };
}

/** A token error as the API answers it: altered or unknown → 400, expired/used/replaced → 410. */
export function tokenFailure(err: TokenError): AppError {
  if (err.kind === 'forged') return new AppError(400, 'invalid_token', err.message);
  return new AppError(410, 'token_gone', err.message, { reason: err.kind });
}

/**
 * Checks everything a portal link depends on: signature, single use and expiry (the row), the
 * address it was sent to (still the user's), and the process step (still waiting for this).
 */
export async function usableToken(
  db: Knex,
  instances: InstanceService,
  secret: string,
  token: string,
  purpose?: TokenPurpose,
  /** The server is shutting down: the process is not asked (unknown, as when it does not answer). */
  stopping?: AbortSignal,
): Promise<UsableToken> {
  try {
    const row = await readPortalToken(db, secret, token);
    if (purpose && row.purpose !== purpose) throw new TokenError('forged', 'This link belongs to another page.');
    const user = await db('clientUsers')
      .where({ id: row.clientUserId })
      .first('id', 'name', 'email', 'locale', 'companyId');
    if (!user || normalizeEmail(user.email) !== row.email)
      throw new TokenError('revoked', 'This link was sent to an address that has since been corrected.');
    const probe = await probeProcess(instances, row, stopping);
    // A link opened while the mail that carried it is still being recorded as sent (the sending
    // step in flight) is good: the step's event waits for that step and is taken after it.
    if (probe && !probe.ok && !probe.stepInFlight)
      throw new TokenError('revoked', 'This link is no longer valid: the registration has moved on or ended.');
    return { row, user };
  } catch (err) {
    if (err instanceof TokenError) throw tokenFailure(err);
    if (err instanceof DomainError && err.kind === 'not_found')
      throw tokenFailure(new TokenError('revoked', 'This link is no longer valid.'));
    throw err;
  }
}

/**
 * Whether the process still awaits the link's step. Unknown (undefined) when Temporal or the worker
 * does not answer in time: the step is then recorded anyway and the relay delivers it later (a
 * process that has ended meanwhile refuses it, and that is recorded for operators).
 */
async function probeProcess(instances: InstanceService, row: PortalTokenRow, stopping?: AbortSignal) {
  const asked = instances.accepts(row.instanceId, { type: eventForPurpose[row.purpose], identityId: 'probe' });
  try {
    return await Promise.race([asked, waitOrStop(requestWaitsMs.processProbe, undefined, stopping)]);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    return undefined;
  } finally {
    asked.catch(() => {}); // a late failure of an abandoned probe is of no interest
  }
}

export { waitForState } from '../../domain/processes.js';
