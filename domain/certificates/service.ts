import type { Knex } from 'knex';
import type { ProcessPort } from '../ports.js';
import { workflowIdFor } from '../ports.js';
import { DomainError, conflict, invalid } from '../errors.js';
import { requestWaitsMs } from '../settings.js';
import { pollUntil } from '../waits.js';
import { CertificateStore, UploadInProgress, type CertificateRecord } from './store.js';

export interface CertificateServiceDeps {
  db: Knex;
  store: CertificateStore;
  instances: ProcessPort;
  /** When reminders go out before expiry (CERTIFICATE_REMINDER_DAYS). */
  remindBeforeMs: number[];
  /** How long an upload waits for its validation before answering "still validating". */
  decisionWaitMs?: number;
  /** The server is shutting down: an upload waiting for its process answers at once. */
  stopping?: AbortSignal;
}

export interface Upload {
  companyId: string;
  pfx: Buffer | undefined;
  password: string;
  actor: string;
  reason?: string;
}

export const renewalProcessOf = (companyId: string) => workflowIdFor('certificateRenewal', companyId);

/** Uploads and the renewal process of each company: the one place HTTP routes go through. */
export class CertificateService {
  constructor(private readonly deps: CertificateServiceDeps) {}

  async company(companyId: string): Promise<{ id: string; officeId: string; name: string; cnpj: string }> {
    const row = await this.deps.db('companies').where({ id: companyId }).first('id', 'officeId', 'name', 'cnpj');
    if (!row) throw new DomainError('not_found', 'unknown_company', `There is no company "${companyId}".`);
    return row;
  }

  /** What people read of a company's certificate: the current one, the history, the process and the block. */
  async overview(companyId: string) {
    const company = await this.company(companyId);
    const history = await this.deps.store.history(companyId);
    const process = (await this.deps
      .db('instances')
      .where({ id: renewalProcessOf(companyId) })
      .first('id', 'state')) as { id: string; state: string } | undefined;
    const blocked = await this.deps.db('companies').where({ id: companyId }).first('invoicingBlocked');
    return {
      company,
      history,
      current: history.find((c) => c.status === 'current') ?? null,
      pending: history.some((c) => c.status === 'pending'),
      instanceId: process?.id ?? null,
      state: process?.state ?? null,
      invoicingBlocked: Boolean(blocked?.invoicingBlocked),
    };
  }

  /** Starts the company's renewal process unless it runs already; answers its id. */
  async ensureProcess(companyId: string, actor: string): Promise<string> {
    const company = await this.company(companyId);
    try {
      const input = { companyId, officeId: company.officeId, timing: { remindBeforeMs: this.deps.remindBeforeMs } };
      return (await this.deps.instances.start({ machine: 'certificateRenewal', input, actor })).instanceId;
    } catch (err) {
      if (err instanceof DomainError && err.code === 'already_started') return renewalProcessOf(companyId);
      throw err;
    }
  }

  /**
   * Stores the upload sealed, hands its id to the process and waits briefly for the verdict.
   * Bad input is refused before anything is stored; a refused hand-over removes the upload.
   */
  async upload(u: Upload): Promise<CertificateRecord> {
    if (!u.pfx || u.pfx.length === 0) throw invalid('file_required', 'Attach the PFX file (field "file").');
    if (!u.password) throw invalid('password_required', 'The password of the PFX file is required.');
    const instanceId = await this.ensureProcess(u.companyId, u.actor);
    await this.untilUploadTaken(instanceId);
    let certificateId: string;
    try {
      certificateId = await this.deps.store.addPending(u.companyId, u.pfx, u.password, u.actor);
    } catch (err) {
      if (err instanceof UploadInProgress) throw inProgress();
      throw err;
    }
    try {
      const event = { type: 'UPLOADED', certificateId };
      await this.deps.instances.send(instanceId, { event, actor: u.actor, reason: u.reason });
    } catch (err) {
      await this.deps.db('certificates').where({ id: certificateId }).delete();
      throw err;
    }
    return this.decision(certificateId);
  }

  /**
   * Waits out the process's short steps (reading, reminding), then busy; an upload being validated
   * is refused at once.
   */
  private async untilUploadTaken(instanceId: string): Promise<void> {
    const probe = await pollUntil(
      () => this.deps.instances.accepts(instanceId, { type: 'UPLOADED', certificateId: 'probe' }),
      (p) => p.ok || p.state === 'validating' || p.status !== 'running',
      requestWaitsMs.certificateUploadTaken,
      this.deps.stopping,
    );
    if (probe.ok) return;
    if (probe.state === 'validating') throw inProgress();
    if (probe.status !== 'running') {
      throw conflict('process_ended', "The company's certificate process has ended; it takes no uploads.");
    }
    throw conflict('busy', `The process is busy (${probe.state}); try again.`);
  }

  private decision(certificateId: string): Promise<CertificateRecord> {
    return pollUntil(
      async () => (await this.deps.store.get(certificateId))!,
      (record) => record.status !== 'pending',
      this.deps.decisionWaitMs ?? requestWaitsMs.certificateDecision,
      this.deps.stopping,
    );
  }
}

const inProgress = () =>
  conflict(
    'upload_in_progress',
    'A certificate for this company is being validated; wait for its result before sending another.',
  );
