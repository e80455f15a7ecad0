import type { Knex } from 'knex';
import type { AuditEntry, AuditPort } from '../../../domain/ports.js';

/**
 * The audit port in memory. An entry recorded inside a transaction is kept only once that
 * transaction commits, as the real log's row is (it is written in the same transaction).
 */
export class MemoryAudit implements AuditPort {
  readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }

  async recordIn(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
    trx.executionPromise.then(
      () => this.entries.push(entry),
      () => {},
    );
  }

  /** The entries of one action, oldest first. */
  of(action: string): AuditEntry[] {
    return this.entries.filter((e) => e.action === action);
  }
}
