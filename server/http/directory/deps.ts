import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import type { CertificateStore } from '../../../domain/certificates/store.js';
import type { DomainServices } from '../../../domain/services/index.js';
import type { AuditLog } from '../../audit/auditLog.js';
import { actorOf } from '../../auth/principal.js';
import type { Config } from '../../config.js';
import type { InstanceService } from '../../temporal/instances.js';
import type { EventRelay } from '../../temporal/relay.js';
import { badRequest } from '../errors.js';

/** What a server process is made of: its configuration and the adapters it opened (server/compose.ts). */
export interface ServerParts {
  config: Config;
  db: Knex;
  /** The processes, on Temporal. */
  instances: InstanceService;
  /** Where changes are recorded, by the services, in the transaction of the change. */
  audit: AuditLog;
  /** Delivers queued events to their processes. */
  relay: EventRelay;
  /** Signs and checks the links in e-mails. */
  tokenSecret: string;
  /** The sealed certificate store. */
  certificates: CertificateStore;
  /** Where a failure nobody waits for is reported. */
  log?: (message: string, err?: unknown) => void;
  /**
   * Aborts when the HTTP server starts shutting down (server/http/graceful.ts): a request waiting
   * for a process then answers at once what it answers when its wait runs out.
   */
  stopping?: AbortSignal;
}

/** What the routers answer from: the domain's services, built once per app, beside the server's parts. */
export type RouterDeps = ServerParts & { services: DomainServices };

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
