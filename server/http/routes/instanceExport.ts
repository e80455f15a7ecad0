import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { AuditLog, AuditRow } from '../../audit/auditLog.js';
import { requireRole } from '../../auth/principal.js';
import type { InstanceService } from '../../temporal/instances.js';
import { attachment, csvLine } from '../csv.js';
import { notFound } from '../errors.js';
import { parse } from '../validate.js';
import { DomainError } from '../../../domain/errors.js';
import { instanceTarget } from '../../../domain/ports.js';

const exportQuery = z.object({
  format: z.enum(['json', 'csv'], { message: 'must be "json" or "csv"' }).default('json'),
});

const CSV_COLUMNS = [
  'kind',
  'at',
  'seq',
  'from',
  'to',
  'event',
  'actor',
  'action',
  'reason',
  'details',
  'auditId',
  'hash',
] as const;

/** The Temporal history, or why it is missing (e.g. the run is past the namespace's retention). */
async function temporalHistory(
  instances: InstanceService,
  id: string,
): Promise<{ runs: unknown[] } | { unavailable: string }> {
  try {
    return { runs: await instances.history(id) };
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'not_found')
      return { unavailable: 'Temporal no longer holds this process (past its retention period).' };
    throw err;
  }
}

function csvExport(id: string, transitions: Array<Record<string, unknown>>, audit: AuditRow[]): string {
  const lines = [
    `# Vínculo export of instance ${id}, ${new Date().toISOString()}\r\n`,
    '# Rows: "transition" from the projection, "audit" from the audit log. The raw Temporal history is only in the JSON export (format=json).\r\n',
    csvLine([...CSV_COLUMNS]),
  ];
  for (const t of transitions)
    lines.push(csvLine(['transition', t.at, t.seq, t.from, t.to, t.event, t.actor, null, t.reason, null, null, null]));
  for (const a of audit)
    lines.push(
      csvLine([
        'audit',
        a.at,
        null,
        null,
        null,
        a.details?.event,
        a.actor,
        a.action,
        a.reason,
        a.details,
        a.id,
        a.hash,
      ]),
    );
  return lines.join('');
}

/** GET /instances/:id/export: one process's whole story, for auditors. */
export function instanceExportRouter(deps: { db: Knex; instances: InstanceService; audit: AuditLog }): Router {
  const { db, instances, audit } = deps;
  const router = Router();
  router.get('/instances/:id/export', requireRole('admin', 'operator', 'auditor'), async (req, res) => {
    const { format } = parse(exportQuery, req.query, 'query');
    const id = String(req.params.id);
    const instance = await db('instances').where({ id }).first();
    if (!instance) throw notFound('Instance', id);
    await audit.record({
      actor: req.principal!,
      action: 'instance.export',
      target: instanceTarget(id),
      details: { format },
    });
    const transitions = (await db('transitions').where({ instanceId: id }).orderBy('seq', 'asc')) as Array<
      Record<string, unknown>
    >;
    const auditRows: AuditRow[] = [];
    for await (const row of audit.rows((q) => q.where({ target: instanceTarget(id) }))) auditRows.push(row);
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'csv') {
      attachment(res, `${id}-${stamp}.csv`, 'text/csv; charset=utf-8');
      res.send(csvExport(id, transitions, auditRows));
      return;
    }
    const { searchText: _searchText, ...row } = instance as Record<string, unknown>;
    attachment(res, `${id}-${stamp}.json`, 'application/json; charset=utf-8');
    res.send(
      JSON.stringify(
        {
          exportedAt: new Date().toISOString(),
          instance: { ...row, stuck: Boolean(row.stuck) },
          transitions,
          audit: auditRows,
          temporalHistory: await temporalHistory(instances, id),
        },
        null,
        2,
      ),
    );
  });
  return router;
}
