import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { AuditLog } from '../audit/auditLog.js';
import { countOperators, createOperator } from './operators.js';
import { generatePassword } from '../../domain/directory/passwords.js';

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

export interface AnnounceOptions {
  /** Where the password file goes when output is not a terminal. */
  dataDir: string;
  isTty?: boolean;
  print?: (text: string) => void;
}

/**
 * The one time the password is shown: on the terminal of whoever ran `npm start`. When output is
 * redirected (a log file, a service manager) it would land in a log, so it goes to a file only its
 * owner can read, under the data folder, and the output says where.
 */
export function announceFirstAdmin(
  created: { email: string; password: string },
  url: string,
  o: AnnounceOptions = { dataDir: '.' },
): void {
  const print = o.print ?? ((text: string) => console.log(text));
  const onTerminal = o.isTty ?? Boolean(process.stdout.isTTY);
  let secret = `  password: ${created.password}`;
  if (!onTerminal) {
    const file = path.resolve(o.dataDir, 'first-admin-password');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.rmSync(file, { force: true }); // a new file, so the mode below is the one it gets
    fs.writeFileSync(file, `${created.email}\n${created.password}\n`, { mode: 0o600 });
    secret = `  password: in ${file} (readable by you only; delete it once you have logged in)`;
  }
  const lines = [
    'No console user existed, so a first administrator was created:',
    `  e-mail:   ${created.email}`,
    secret,
    `Log in at ${url}/admin/ and create named operators; this password is not shown again.`,
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = '='.repeat(width + 4);
  print(['', rule, ...lines.map((l) => `| ${l.padEnd(width)} |`), rule, ''].join('\n'));
}
