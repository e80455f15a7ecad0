import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Knex } from 'knex';
import { clearFailures, countFailure, secondsToWait } from './passwordThrottle.js';
import { normalizeEmail } from './validation.js';
import { oneAtATime } from '../oneAtATime.js';
import { verifyPassword as checkHash } from './passwords.js';

// Platform accounts: one identity per e-mail across every office and company. Passwords are
// only ever hashed (argon2id) or verified here; they never reach a workflow.

export interface IdentityRow {
  id: string;
  email: string;
  passwordHash: string | null;
  registeredAt: string | null;
  failedAttempts: number;
  retryAfter: string | null;
  createdAt: string;
}

export type VerifyOutcome =
  | { ok: true; identityId: string }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export { throttleDelayMs } from './passwordThrottle.js';

export const findIdentityByEmail = (db: Knex, email: string) =>
  db('identities')
    .where({ email: normalizeEmail(email) })
    .first() as Promise<IdentityRow | undefined>;

/** A registered identity (one with a password) for this address, if any. */
export async function registeredIdentity(db: Knex, email: string): Promise<IdentityRow | undefined> {
  const row = await findIdentityByEmail(db, email);
  return row?.passwordHash ? row : undefined;
}

/** The identity of an address, created (unregistered) when the address is new. */
export async function ensureIdentity(db: Knex, email: string, now = new Date()): Promise<IdentityRow> {
  const normalized = normalizeEmail(email);
  await db('identities')
    .insert({ id: crypto.randomUUID(), email: normalized, createdAt: now.toISOString() })
    .onConflict('email')
    .ignore();
  return (await findIdentityByEmail(db, normalized)) as IdentityRow;
}

export class AlreadyRegisteredError extends Error {}

/** Sets the first password of an address; an identity that has one already is refused. */
export async function registerIdentity(
  db: Knex,
  email: string,
  password: string,
  now = new Date(),
): Promise<IdentityRow> {
  return registerIdentityHashed(db, email, await argon2.hash(password, { type: argon2.argon2id }), now);
}

/** registerIdentity with the (slow) hash computed beforehand, so it can run inside a short transaction. */
export async function registerIdentityHashed(
  db: Knex,
  email: string,
  passwordHash: string,
  now = new Date(),
): Promise<IdentityRow> {
  const identity = await ensureIdentity(db, email, now);
  const updated = await db('identities')
    .where({ id: identity.id })
    .whereNull('passwordHash')
    .update({ passwordHash, registeredAt: now.toISOString() });
  if (updated !== 1) throw new AlreadyRegisteredError('This e-mail already has an account.');
  return { ...identity, passwordHash, registeredAt: now.toISOString() };
}

/**
 * Checks a password against an identity, slowing repeated failures down per e-mail, known or not:
 * while a wait is due the password is not even checked. An unknown address is checked against a
 * throwaway hash, so it answers like a wrong password and as slowly. Attempts for one e-mail
 * take turns in this process; the count itself is atomic across processes.
 */
export function verifyPassword(db: Knex, email: string, password: string, now?: Date): Promise<VerifyOutcome> {
  const normalized = normalizeEmail(email);
  return oneAtATime(`portal:${normalized}`, () => verifyInTurn(db, normalized, password, now));
}

async function verifyInTurn(db: Knex, email: string, password: string, now?: Date): Promise<VerifyOutcome> {
  const wait = await secondsToWait(db, email, now ?? new Date());
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  const identity = await registeredIdentity(db, email);
  const matches = await checkHash(identity?.passwordHash, password);
  if (identity && matches) {
    await clearFailures(db, email);
    return { ok: true, identityId: identity.id };
  }
  // The wait starts when the failure is known, after the (slow) hash check.
  await countFailure(db, email, now ?? new Date());
  return { ok: false, reason: 'wrong' };
}

export interface OfficeMembership {
  officeId: string;
  officeName: string;
  /** How the identity belongs to the office: as its staff, or as a user of one of its clients. */
  roles: string[];
}

/** The offices an identity belongs to, through linked office users and registered or linked client users. */
export async function officesOfIdentity(db: Knex, identityId: string): Promise<OfficeMembership[]> {
  const staff = await db('officeUsers as u')
    .join('offices as o', 'o.id', 'u.officeId')
    .where('u.identityId', identityId)
    .andWhere('u.active', true)
    .whereNotNull('u.linkedAt')
    .select('o.id as officeId', 'o.name as officeName', 'u.role as role');
  const clients = await db('clientUsers as c')
    .join('offices as o', 'o.id', 'c.officeId')
    .where('c.identityId', identityId)
    .whereIn('c.status', ['registered', 'linked'])
    .select('o.id as officeId', 'o.name as officeName');
  const byOffice = new Map<string, OfficeMembership>();
  for (const r of [...staff, ...clients.map((c: Record<string, string>) => ({ ...c, role: 'client' }))] as Array<
    Record<string, string>
  >) {
    const m = byOffice.get(r.officeId!) ?? { officeId: r.officeId!, officeName: r.officeName!, roles: [] };
    if (!m.roles.includes(r.role!)) m.roles.push(r.role!);
    byOffice.set(m.officeId, m);
  }
  return [...byOffice.values()].sort((a, b) => a.officeName.localeCompare(b.officeName));
}
