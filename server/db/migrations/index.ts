import type { Knex } from 'knex';
import * as projection from './001_projection.js';
import * as directory from './002_directory.js';
import * as consoleAccess from './003_console.js';
import * as agentTokens from './004_agent_tokens.js';
import * as idempotency from './005_idempotency.js';
import * as certificates from './010_certificates.js';
import * as contracts from './050_contracts.js';
import * as hiringLinks from './051_hiring_links.js';
import * as integrationKeys from './052_integration_keys.js';
import * as planChanges from './053_plan_changes.js';
import * as officeLinkedEmails from './030_office_linked_emails.js';
import * as connectionRequests from './031_connection_requests.js';
import * as queuedEvents from './020_queued_events.js';
import * as portalAccounts from './040_portal_accounts.js';
import * as companyData from './054_company_data.js';
import * as failedLogins from './060_failed_logins.js';
import * as outboxClaim from './061_outbox_claim.js';
import * as instanceLabels from './070_instance_labels.js';
import * as alerts from './080_alerts.js';
import * as instanceListIndexes from './090_instance_list_indexes.js';
import * as instanceCounts from './091_instance_counts.js';
import * as taskFailures from './092_task_failures.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

// Migrations are imported, not read from a folder, so they run the same under tsx, vitest and
// any bundler. Add new ones at the end; never rename or edit a migration that has shipped.
const migrations: Array<[string, Migration]> = [
  ['001_projection', projection],
  ['002_directory', directory],
  ['003_console', consoleAccess],
  ['004_agent_tokens', agentTokens],
  ['005_idempotency', idempotency],
  ['010_certificates', certificates],
  ['020_queued_events', queuedEvents],
  ['030_office_linked_emails', officeLinkedEmails],
  ['031_connection_requests', connectionRequests],
  ['040_portal_accounts', portalAccounts],
  ['050_contracts', contracts],
  ['051_hiring_links', hiringLinks],
  ['052_integration_keys', integrationKeys],
  ['053_plan_changes', planChanges],
  ['054_company_data', companyData],
  ['060_failed_logins', failedLogins],
  ['061_outbox_claim', outboxClaim],
  ['070_instance_labels', instanceLabels],
  ['080_alerts', alerts],
  ['090_instance_list_indexes', instanceListIndexes],
  ['091_instance_counts', instanceCounts],
  ['092_task_failures', taskFailures],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => migrations,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};
