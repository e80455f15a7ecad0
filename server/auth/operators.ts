import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { hashPassword } from '../../domain/directory/passwords.js';
import { roles, type Role } from './principal.js';

/** An operator as the API shows it: never with its password hash. */
export interface Operator {
  id: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface OperatorRecord extends Operator {
  passwordHash: string | null;
}

export const roleSchema = z.enum(roles);
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('is not an e-mail address').max(254));

export function toOperator(row: Record<string, unknown>): Operator {
  const { passwordHash: _hash, ...rest } = row;
  return {
    ...(rest as unknown as Operator),
    active: Boolean(row.active),
    lastLoginAt: (row.lastLoginAt as string | null) ?? null,
  };
}

function toRecord(row: Record<string, unknown> | undefined): OperatorRecord | undefined {
  if (!row) return undefined;
  return { ...toOperator(row), passwordHash: (row.passwordHash as string | null) ?? null };
}

export async function findOperatorByEmail(db: Knex, email: string): Promise<OperatorRecord | undefined> {
  return toRecord(await db('operators').where({ email: email.trim().toLowerCase() }).first());
}

export async function findOperator(db: Knex, id: string): Promise<OperatorRecord | undefined> {
  return toRecord(await db('operators').where({ id }).first());
}

export async function countOperators(db: Knex): Promise<number> {
  const row = await db('operators').count<{ n: number | string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export async function countActiveAdmins(db: Knex): Promise<number> {
  const row = await db('operators')
    .where({ role: 'admin', active: true })
    .count<{ n: number | string }[]>({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/** Creates an operator; a second one with the same e-mail is a 409. */
export async function createOperator(
  db: Knex,
  o: { email: string; role: Role; active?: boolean; password?: string },
  now = new Date(),
): Promise<Operator> {
  const email = o.email.trim().toLowerCase();
  if (await findOperatorByEmail(db, email))
    throw new AppError(409, 'operator_exists', `An operator with the e-mail ${email} already exists.`);
  const at = now.toISOString();
  const row = {
    id: crypto.randomUUID(),
    email,
    role: o.role,
    active: o.active ?? true,
    passwordHash: o.password === undefined ? null : await hashPassword(o.password),
    createdAt: at,
    updatedAt: at,
    lastLoginAt: null,
  };
  await db('operators').insert(row);
  return toOperator(row);
}
