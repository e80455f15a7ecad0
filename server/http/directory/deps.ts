import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import type { MailSettings } from '../../../domain/mail/outbox.js';
import { domainServices, type DomainDeps, type DomainServices } from '../../../domain/services/index.js';
import type { AuditLog } from '../../audit/auditLog.js';
import { actorOf } from '../../auth/principal.js';
import type { InstanceService } from '../../temporal/instances.js';
import { badRequest } from '../errors.js';

/** What the directory resources and the portal need: the database, processes, and timing. */
export interface DirectoryDeps {
  db: Knex;
  instances: InstanceService;
  timing: DomainDeps['timing'];
  tokenSecret: string;
  /** Where changes are recorded, by the services, in the transaction of the change. */
  audit: AuditLog;
  /** For resending a message from the outbox. */
  mail: MailSettings;
}

/** The services of a router; built once per set of routers. */
export type WithServices = DirectoryDeps & { services: DomainServices };
export const withServices = (deps: DirectoryDeps): WithServices =>
  'services' in deps ? (deps as WithServices) : { ...deps, services: domainServices(deps) };

export const principalActor = (req: Request) => (req.principal ? actorOf(req.principal) : 'system');

/** The optional Idempotency-Key header: up to 200 visible characters. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw badRequest('The Idempotency-Key header must be 1 to 200 visible ASCII characters.');
  return key;
}

/** A create's answer: 201 with the entity, whether created now or by the same request before. */
export function created(res: Response, body: unknown, wasCreated: boolean) {
  if (!wasCreated) res.setHeader('Idempotent-Replayed', 'true');
  res.status(201).json(body);
}

export const asBool = (v: unknown) => v === true || v === 1 || v === '1';
