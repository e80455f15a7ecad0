import crypto from 'node:crypto';
import { AuditLog } from '../../server/audit/auditLog.js';
import { createOperator } from '../../server/auth/operators.js';
import { generatePassword } from '../../domain/directory/passwords.js';
import { loadConfig } from '../../server/config.js';
import { migrate, openDb } from '../../server/db/index.js';
import type { Credentials } from './api.js';

/**
 * DEMO_EMAIL and DEMO_PASSWORD when given; otherwise a fresh admin written straight into the
 * database `npm start` uses (same DATA_DIR / DATABASE_URL), like `npm run create-operator` does.
 */
export async function demoCredentials(log: (line: string) => void): Promise<Credentials> {
  const email = process.env.DEMO_EMAIL;
  const password = process.env.DEMO_PASSWORD;
  if (email && password) return { email, password };
  if (email || password)
    throw new Error('Set both DEMO_EMAIL and DEMO_PASSWORD, or neither (then a demo admin is created).');
  const db = openDb(loadConfig().database);
  try {
    await migrate(db);
    const created = {
      email: `demo-${crypto.randomBytes(3).toString('hex')}@vinculo.local`,
      password: generatePassword(),
    };
    const operator = await createOperator(db, { ...created, role: 'admin' });
    await new AuditLog(db).record({
      actor: 'cli',
      action: 'operator.create',
      target: `operator:${operator.id}`,
      details: { email: operator.email, role: 'admin', passwordSet: true, by: 'npm run demo' },
    });
    log(`Created the admin ${created.email} with password ${created.password} (log in to the console with it).`);
    return created;
  } finally {
    await db.destroy();
  }
}
