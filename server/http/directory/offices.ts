import { Router } from 'express';
import crypto from 'node:crypto';
import { z } from 'zod';
import { cnpjSchema, emailSchema } from '../../../domain/directory/validation.js';
import { requireRole } from '../../auth/principal.js';
import { notFound } from '../errors.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';
import { issueAgentToken, recordHeartbeat } from './agents.js';
import { conflict, nowIso, type DirectoryDeps } from './deps.js';

export const officesSpec: ListSpec = {
  resource: 'offices',
  table: 'offices',
  sortable: ['id', 'name', 'cnpj', 'agentOnlineAt', 'createdAt'],
  filters: { cnpj: 'exact' },
  searchable: ['name', 'cnpj', 'linkedEmails'],
  defaultSort: ['name', 'ASC'],
};

const officeBody = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  cnpj: cnpjSchema,
  linkedEmails: z.array(emailSchema).max(20).default([]),
});

export const toOffice = (row: Record<string, unknown>) => {
  const { agentTokenHash, ...rest } = row;
  return {
    ...rest,
    linkedEmails: JSON.parse(String(row.linkedEmails ?? '[]')) as string[],
    agentTokenIssued: Boolean(agentTokenHash),
  };
};

/** Accounting offices, and the heartbeat their communication agent sends. */
export function officesRouter(deps: DirectoryDeps): Router {
  const { db } = deps;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  const load = async (id: string) => {
    const row = await db('offices').where({ id }).first();
    if (!row) throw notFound('Office', id);
    return row as Record<string, unknown>;
  };

  router.get('/offices', readers, async (req, res) => {
    res.json(await listRows(db, officesSpec, parseListParams(req, officesSpec), res, toOffice));
  });
  router.get('/offices/:id', readers, async (req, res) => {
    res.json(toOffice(await load(String(req.params.id))));
  });
  router.post('/offices', writers, async (req, res) => {
    const body = parseBody(officeBody, req);
    if (await db('offices').where({ cnpj: body.cnpj }).first('id'))
      throw conflict('duplicate_cnpj', `An office with CNPJ ${body.cnpj} already exists.`);
    const row = {
      id: crypto.randomUUID(),
      name: body.name,
      cnpj: body.cnpj,
      linkedEmails: JSON.stringify([...new Set(body.linkedEmails)]),
      createdAt: nowIso(),
    };
    await db('offices').insert(row);
    res.status(201).json(toOffice(row));
  });
  router.put('/offices/:id', writers, async (req, res) => {
    const id = String(req.params.id);
    const current = await load(id);
    const body = parseBody(officeBody.partial(), req);
    if (body.cnpj && body.cnpj !== current.cnpj && (await db('offices').where({ cnpj: body.cnpj }).first('id'))) {
      throw conflict('duplicate_cnpj', `An office with CNPJ ${body.cnpj} already exists.`);
    }
    const patch = {
      ...(body.name ? { name: body.name } : {}),
      ...(body.cnpj ? { cnpj: body.cnpj } : {}),
      ...(body.linkedEmails ? { linkedEmails: JSON.stringify([...new Set(body.linkedEmails)]) } : {}),
    };
    if (Object.keys(patch).length) await db('offices').where({ id }).update(patch);
    res.json(toOffice(await load(id)));
  });

  // An operator's heartbeat on the agent's behalf; the agent itself uses its token (agents.ts).
  router.post('/offices/:id/agent-heartbeat', writers, async (req, res) => {
    res.json(await recordHeartbeat(deps, String(req.params.id)));
  });

  router.post('/offices/:id/agent-token', writers, async (req, res) => {
    const token = await issueAgentToken(deps, String(req.params.id));
    res
      .status(201)
      .json({
        id: String(req.params.id),
        token,
        message: 'Give this token to the office agent now: it is not shown again, and it replaces any earlier one.',
      });
  });
  return router;
}
