import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { fromDbRow, type AuditLog } from '../../audit/auditLog.js';
import { requireRole } from '../../auth/principal.js';
import { attachment, csvLine } from '../csv.js';
import { AppError } from '../errors.js';
import { listRows, parseListParams, type ListSpec } from '../listQuery.js';
import { parse } from '../validate.js';

export const auditSpec: ListSpec = {
  resource: 'audit',
  table: 'audit',
  sortable: ['id', 'at', 'actor', 'action', 'target'],
  // Prefixes, so "operator:" finds every operator and "instance." every instance action.
  filters: { actor: 'prefix', action: 'prefix', target: 'prefix' },
  searchable: ['actor', 'action', 'target', 'reason'],
  defaultSort: ['id', 'DESC'],
};

const exportQuery = z.object({ format: z.enum(['csv'], { message: 'only "csv" is offered' }).default('csv') });

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'action',
  'target',
  'reason',
  'details',
  'prevHash',
  'hash',
] as const;

/** The audit log: listed, verified and exported; there is no route that changes or deletes it. */
export function auditRouter(db: Knex, audit: AuditLog): Router {
  const router = Router();
  const readers = requireRole('admin', 'operator', 'auditor');

  router.get('/audit', readers, async (req, res) => {
    res.json(await listRows(db, auditSpec, parseListParams(req, auditSpec), res, fromDbRow));
  });

  // Literal paths before '/audit/:id'.
  router.get('/audit/verify', readers, async (_req, res) => {
    res.json(await audit.verify());
  });

  router.get('/audit/export', readers, async (req, res) => {
    parse(exportQuery, req.query, 'query');
    // Recorded before the rows are read, so the export contains its own trace.
    await audit.record({ actor: req.principal!, action: 'audit.export', target: 'audit', details: { format: 'csv' } });
    attachment(res, `vinculo-audit-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv; charset=utf-8');
    res.write(csvLine([...AUDIT_CSV_COLUMNS]));
    for await (const row of audit.rows()) res.write(csvLine(AUDIT_CSV_COLUMNS.map((c) => row[c])));
    res.end();
  });

  router.get('/audit/:id', readers, async (req, res) => {
    const id = Number(req.params.id);
    const row = Number.isInteger(id) ? await db('audit').where({ id }).first() : undefined;
    if (!row) throw new AppError(404, 'not_found', `Audit entry "${req.params.id}" does not exist.`);
    res.json(fromDbRow(row));
  });

  return router;
}
