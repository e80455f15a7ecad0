import { Router } from 'express';
import { z } from 'zod';
import { cnpjSchema, emailSchema } from '../../../domain/directory/validation.js';
import { requireRole } from '../../auth/principal.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parseBody } from '../validate.js';
import { created, idempotencyKeyOf, principalActor, type RouterDeps } from './deps.js';

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
export function officesRouter(deps: RouterDeps): Router {
  const { db, services } = deps;
  const offices = services.offices;
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');
  const writers = requireRole('admin', 'operator');

  router.get('/offices', readers, async (req, res) => {
    res.json(await listRows(db, officesSpec, parseListParams(req, officesSpec), res, toOffice));
  });
  router.get('/offices/:id', readers, async (req, res) => {
    res.json(toOffice(await offices.load('offices', String(req.params.id))));
  });
  router.post('/offices', writers, async (req, res) => {
    const body = parseBody(officeBody, req);
    const result = await offices.createOffice(body, principalActor(req), idempotencyKeyOf(req));
    created(res, toOffice(await offices.load('offices', result.id)), result.created);
  });
  router.put('/offices/:id', writers, async (req, res) => {
    const body = parseBody(officeBody.partial(), req);
    res.json(toOffice(await offices.updateOffice(String(req.params.id), body, principalActor(req))));
  });

  // An operator's heartbeat on the agent's behalf; the agent itself uses its token (agents.ts).
  router.post('/offices/:id/agent-heartbeat', writers, async (req, res) => {
    res.json(await offices.recordHeartbeat(String(req.params.id), principalActor(req)));
  });

  router.post('/offices/:id/agent-token', writers, async (req, res) => {
    const id = String(req.params.id);
    const token = await offices.issueAgentToken(id, principalActor(req));
    res.status(201).json({
      id,
      token,
      message: 'Give this token to the office agent now: it is not shown again, and it replaces any earlier one.',
    });
  });
  return router;
}
