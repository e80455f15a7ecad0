// Creates a console user from the command line (the way to make the first admin of a deployment):
//   npm run create-operator -- --email ana@example.com --role admin [--password '…']
// Without --password a random one is generated and printed once; only its argon2 hash is stored.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AuditLog } from '../server/audit/auditLog.js';
import { createOperator, emailSchema, roleSchema } from '../server/auth/operators.js';
import { generatePassword, passwordSchema } from '../domain/directory/passwords.js';
import { loadConfig } from '../server/config.js';
import { migrate, openDb } from '../server/db/index.js';
import { AppError, zodMessage } from '../server/http/errors.js';

const usage =
  'Usage: npm run create-operator -- --email <address> --role admin|operator|auditor [--password <at least 12 characters>]';

const argsSchema = z.object({ email: emailSchema, role: roleSchema, password: passwordSchema.optional() });

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return console.log(usage);
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`${zodMessage(parsed.error, 'arguments')}\n${usage}`);
  const db = openDb(loadConfig().database);
  try {
    await migrate(db);
    const password = parsed.data.password ?? generatePassword();
    const created = await createOperator(db, { ...parsed.data, password });
    await new AuditLog(db).record({
      actor: 'cli',
      action: 'operator.create',
      target: `operator:${created.id}`,
      details: { email: created.email, role: created.role, passwordSet: true },
    });
    console.log(`Created ${created.role} ${created.email} (id ${created.id}).`);
    if (!parsed.data.password) console.log(`Password (shown only now): ${password}`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: Error) => {
  console.error(err instanceof AppError ? err.message : `Could not create the operator: ${err.message}`);
  process.exit(1);
});
