import type { Knex } from 'knex';
import { AuditLog } from '../audit/auditLog.js';
import { countOperators, createOperator } from './operators.js';
import { generatePassword } from './passwords.js';

export const FIRST_ADMIN_EMAIL = 'admin@vinculo.local';

/**
 * On a fresh local install nobody could log in to create the first operator, so one admin is
 * made with a random password that is shown once (only its hash is stored). Returns the password
 * when it made one; with any operator already present it does nothing.
 */
export async function ensureFirstAdmin(db: Knex): Promise<{ email: string; password: string } | undefined> {
  if ((await countOperators(db)) > 0) return undefined;
  const password = generatePassword();
  const admin = await createOperator(db, { email: FIRST_ADMIN_EMAIL, role: 'admin', password });
  await new AuditLog(db).record({
    actor: 'system:first-start',
    action: 'operator.create',
    target: `operator:${admin.id}`,
    details: { email: admin.email, role: admin.role, passwordSet: true },
  });
  return { email: admin.email, password };
}

/** The one time the password is shown: on the console of whoever ran `npm start`, never in a log file. */
export function announceFirstAdmin(created: { email: string; password: string }, url: string): void {
  const lines = [
    'No console user existed, so a first administrator was created:',
    `  e-mail:   ${created.email}`,
    `  password: ${created.password}`,
    `Log in at ${url}/admin/ and create named operators; this password is not shown again.`,
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = '='.repeat(width + 4);
  console.log(['', rule, ...lines.map((l) => `| ${l.padEnd(width)} |`), rule, ''].join('\n'));
}
