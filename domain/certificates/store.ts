import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { certificateFailures, CertificateRejected, type CertificateFailureCode } from './failures.js';
import type { CertificateSealer } from './sealer.js';
import { validatePfx, type CertificateSummary } from './validate.js';

export type CertificateStatus = 'pending' | 'current' | 'replaced' | 'rejected';

/** A certificate row as people see it: never the sealed file or password. */
export interface CertificateRecord extends Partial<CertificateSummary> {
  id: string;
  companyId: string;
  status: CertificateStatus;
  failureCode?: CertificateFailureCode;
  failureMessage?: string;
  uploadedBy: string;
  uploadedAt: string;
  decidedAt?: string;
}

/** What the validation tells the process: ids, a date and a code, nothing personal. */
export type ValidationOutcome =
  | { ok: true; certificateId: string; validUntil: string }
  | { ok: false; certificateId: string; code: CertificateFailureCode; message: string };

export class UploadInProgress extends Error {
  constructor() {
    super('A certificate for this company is being validated; wait for its result before sending another.');
  }
}

const publicColumns = [
  'id',
  'companyId',
  'status',
  'subject',
  'cnpj',
  'issuer',
  'serialNumber',
  'validFrom',
  'validUntil',
  'sha256Fingerprint',
  'failureCode',
  'failureMessage',
  'uploadedBy',
  'uploadedAt',
  'decidedAt',
] as const;

function withoutNulls(row: Record<string, unknown>): CertificateRecord {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) as unknown as CertificateRecord;
}

/** The company's certificates, kept sealed at rest, with the history of those replaced. */
export class CertificateStore {
  constructor(
    readonly db: Knex,
    private readonly sealer: CertificateSealer,
  ) {}

  /** Keeps an upload sealed as `pending`; refuses while another of the company's is pending. */
  async addPending(companyId: string, pfx: Buffer, password: string, uploadedBy: string): Promise<string> {
    const id = crypto.randomUUID();
    await this.db.transaction(async (trx) => {
      const pending = await trx('certificates').where({ companyId, status: 'pending' }).first('id');
      if (pending) throw new UploadInProgress();
      await trx('certificates').insert({
        id,
        companyId,
        status: 'pending',
        sealedPfx: this.sealer.seal(pfx, id),
        sealedPassword: this.sealer.seal(Buffer.from(password, 'utf8'), id),
        uploadedBy,
        uploadedAt: new Date().toISOString(),
      });
    });
    return id;
  }

  /** Validates a pending upload; it becomes the current certificate or is rejected (and its secrets erased). */
  async decide(certificateId: string, now = new Date()): Promise<ValidationOutcome> {
    const row = await this.db('certificates').where({ id: certificateId }).first();
    if (!row) throw new Error(`Certificate ${certificateId} does not exist.`);
    if (row.status !== 'pending') return this.outcomeOf(withoutNulls(row));
    const company = await this.db('companies').where({ id: row.companyId }).first('cnpj');
    try {
      const pfx = this.sealer.open(row.sealedPfx, certificateId);
      const password = this.sealer.open(row.sealedPassword, certificateId).toString('utf8');
      const summary = validatePfx(pfx, password, String(company?.cnpj ?? ''), now);
      await this.promote(row.companyId, certificateId, summary, now);
      return { ok: true, certificateId, validUntil: summary.validUntil };
    } catch (err) {
      if (!(err instanceof CertificateRejected)) throw err;
      await this.db('certificates').where({ id: certificateId }).update({
        status: 'rejected',
        failureCode: err.code,
        failureMessage: err.message,
        sealedPfx: null,
        sealedPassword: null,
        decidedAt: now.toISOString(),
      });
      return { ok: false, certificateId, code: err.code, message: err.message };
    }
  }

  private async promote(companyId: string, id: string, s: CertificateSummary, now: Date) {
    await this.db.transaction(async (trx) => {
      await trx('certificates').where({ companyId, status: 'current' }).update({ status: 'replaced' });
      await trx('certificates').where({ id }).update({
        status: 'current',
        subject: s.subject,
        cnpj: s.cnpj,
        issuer: s.issuer,
        serialNumber: s.serialNumber,
        validFrom: s.validFrom,
        validUntil: s.validUntil,
        sha256Fingerprint: s.sha256Fingerprint,
        decidedAt: now.toISOString(),
      });
      await trx('companies').where({ id: companyId }).update({ invoicingBlocked: false });
    });
  }

  private outcomeOf(r: CertificateRecord): ValidationOutcome {
    if (r.status === 'rejected') {
      const code = r.failureCode ?? 'not_pkcs12';
      return { ok: false, certificateId: r.id, code, message: r.failureMessage ?? certificateFailures[code] };
    }
    return { ok: true, certificateId: r.id, validUntil: r.validUntil ?? '' };
  }

  async current(companyId: string): Promise<CertificateRecord | undefined> {
    const row = await this.db('certificates').where({ companyId, status: 'current' }).first(publicColumns);
    return row ? withoutNulls(row) : undefined;
  }

  async get(id: string): Promise<CertificateRecord | undefined> {
    const row = await this.db('certificates').where({ id }).first(publicColumns);
    return row ? withoutNulls(row) : undefined;
  }

  /** Every certificate of the company, newest upload first. */
  async history(companyId: string): Promise<CertificateRecord[]> {
    const rows = await this.db('certificates').where({ companyId }).orderBy('uploadedAt', 'desc').select(publicColumns);
    return rows.map(withoutNulls);
  }

  /** The sealed file of a certificate, for what must use it (invoicing); never sent over HTTP. */
  async openPfx(id: string): Promise<{ pfx: Buffer; password: string } | undefined> {
    const row = await this.db('certificates').where({ id }).first('sealedPfx', 'sealedPassword');
    if (!row?.sealedPfx) return undefined;
    return {
      pfx: this.sealer.open(row.sealedPfx, id),
      password: this.sealer.open(row.sealedPassword, id).toString('utf8'),
    };
  }

  async setInvoicingBlocked(companyId: string, blocked: boolean): Promise<void> {
    await this.db('companies').where({ id: companyId }).update({ invoicingBlocked: blocked });
  }
}
