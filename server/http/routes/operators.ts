import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { AuditLog } from '../../audit/auditLog.js';
import {
  countActiveAdmins,
  createOperator,
  emailSchema,
  findOperator,
  roleSchema,
  toOperator,
  type OperatorRecord,
} from '../../auth/operators.js';
import { hashPassword, passwordSchema } from '../../../domain/directory/passwords.js';
import { requireRole } from '../../auth/principal.js';
import { closeSessionsOf } from '../../auth/sessions.js';
import { AppError, notFound } from '../errors.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';

export const operatorsSpec: ListSpec = {
  resource: 'operators',
  table: 'operators',
  sortable: ['id', 'email', 'role', 'active', 'createdAt', 'lastLoginAt'],
  filters: { role: 'exact', active: 'boolean', email: 'exact' },
  searchable: ['email'],
  defaultSort: ['email', 'ASC'],
};

const createSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  active: z.boolean().default(true),
  password: passwordSchema.optional(),
});
// react-admin sends the whole record back on edit: unknown fields (id, email, dates) are ignored, not refused.
const updateSchema = z.object({
  role: roleSchema.optional(),
  active: z.boolean().optional(),
  password: z.union([passwordSchema, z.literal(''), z.null()]).optional(),
});

async function existing(db: Knex, id: string): Promise<OperatorRecord> {
  const found = await findOperator(db, id);
  if (!found) throw notFound('Operator', id);
  return found;
}

/** Changes that would leave the console with no active administrator are refused. */
async function keepAnAdmin(db: Knex, before: OperatorRecord, after: { role: string; active: boolean }) {
  const wasAdmin = before.role === 'admin' && before.active;
  const staysAdmin = after.role === 'admin' && after.active;
  if (wasAdmin && !staysAdmin && (await countActiveAdmins(db)) <= 1) {
    throw new AppError(
      409,
      'last_admin',
      `${before.email} is the last active administrator; make someone else admin first.`,
    );
  }
}

const target = (id: string) => `operator:${id}`;
const selfId = (req: Request) => req.principal!.id;

/** Console users (admin only). Passwords go in, never out; "delete" deactivates so the audit log keeps its actors. */
export function operatorsRouter(db: Knex, audit: AuditLog): Router {
  const router = Router();
  router.use('/operators', requireRole('admin'));

  router.get('/operators', async (req, res) => {
    res.json(await listRows(db, operatorsSpec, parseListParams(req, operatorsSpec), res, toOperator));
  });

  router.get('/operators/:id', async (req, res) => {
    res.json(toOperator({ ...(await existing(db, String(req.params.id))) }));
  });

  router.post('/operators', async (req, res) => {
    const body = parseBody(createSchema, req);
    const created = await createOperator(db, body);
    await audit.record({
      actor: req.principal!,
      action: 'operator.create',
      target: target(created.id),
      details: {
        email: created.email,
        role: created.role,
        active: created.active,
        passwordSet: body.password !== undefined,
      },
    });
    res.status(201).json(created);
  });

  router.put('/operators/:id', async (req, res) => {
    const before = await existing(db, String(req.params.id));
    const body = parseBody(updateSchema, req);
    const after = { role: body.role ?? before.role, active: body.active ?? before.active };
    await keepAnAdmin(db, before, after);
    const passwordChanged = typeof body.password === 'string' && body.password !== '';
    const changes: Record<string, unknown> = { ...after, updatedAt: new Date().toISOString() };
    if (passwordChanged) changes.passwordHash = await hashPassword(body.password as string);
    await db('operators').where({ id: before.id }).update(changes);
    // A new password or a deactivation ends the operator's other sessions; a role change applies at once anyway.
    if (passwordChanged || !after.active)
      await closeSessionsOf(db, before.id, before.id === selfId(req) ? req.sessionTokenHash : undefined);
    const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k as keyof typeof after] !== v));
    await audit.record({
      actor: req.principal!,
      action: 'operator.update',
      target: target(before.id),
      details: { email: before.email, changed, passwordChanged },
    });
    res.json(toOperator({ ...(await existing(db, before.id)) }));
  });

  router.delete('/operators/:id', async (req, res) => {
    const before = await existing(db, String(req.params.id));
    if (before.id === selfId(req))
      throw new AppError(
        409,
        'cannot_delete_self',
        'You cannot deactivate your own account; ask another administrator.',
      );
    await keepAnAdmin(db, before, { role: before.role, active: false });
    await db('operators').where({ id: before.id }).update({ active: false, updatedAt: new Date().toISOString() });
    await closeSessionsOf(db, before.id);
    await audit.record({
      actor: req.principal!,
      action: 'operator.deactivate',
      target: target(before.id),
      details: { email: before.email },
    });
    res.json(toOperator({ ...(await existing(db, before.id)) }));
  });

  return router;
}
