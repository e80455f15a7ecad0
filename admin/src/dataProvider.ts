import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';
import { apiUrl, httpClient, postJson } from './httpClient';
import { withListCursors } from './listCursors';
import type {
  AuditVerification,
  BulkEventParams,
  BulkResult,
  InstanceSnapshot,
  MachineDescription,
  SendEventParams,
  Stats,
} from './types';

const path = (id: Identifier) => encodeURIComponent(String(id));

async function getJson<T>(url: string): Promise<T> {
  const { json } = await httpClient(`${apiUrl}${url}`);
  return json as T;
}

/** The endpoints beyond react-admin's CRUD: snapshots, nudges, machine descriptions, stats. */
export interface VinculoMethods {
  getSnapshot(id: Identifier): Promise<InstanceSnapshot>;
  getHistory(id: Identifier): Promise<unknown>;
  sendEvent(id: Identifier, params: SendEventParams): Promise<{ state: string; status: string }>;
  bulkEvents(params: BulkEventParams): Promise<{ results: BulkResult[] }>;
  getMachines(): Promise<MachineDescription[]>;
  getStats(): Promise<Stats>;
  verifyAudit(): Promise<AuditVerification>;
  resendMail(id: Identifier, reason: string): Promise<unknown>;
  issueAgentToken(id: Identifier, reason: string): Promise<{ token: string }>;
  addLinkedEmail(officeId: Identifier, email: string): Promise<unknown>;
  removeLinkedEmail(officeId: Identifier, email: string): Promise<unknown>;
  accountExists(email: string): Promise<{ email: string; exists: boolean }>;
  revokeConnection(id: Identifier, side: 'office' | 'company', reason: string): Promise<unknown>;
}

export type VinculoDataProvider = DataProvider & VinculoMethods;

const custom: VinculoMethods = {
  getSnapshot: (id) => getJson(`/instances/${path(id)}/snapshot`),
  getHistory: (id) => getJson(`/instances/${path(id)}/history`),
  sendEvent: async (id, params) => (await postJson(`/instances/${path(id)}/events`, params)).json,
  bulkEvents: async (params) => (await postJson('/instances/bulk-events', params)).json,
  getMachines: () => getJson('/machines'),
  getStats: () => getJson('/stats'),
  verifyAudit: () => getJson('/audit/verify'),
  resendMail: async (id, reason) => (await postJson(`/outbox/${path(id)}/resend`, { reason })).json,
  issueAgentToken: async (id, reason) =>
    (await postJson(`/offices/${path(id)}/agent-token`, { reason })).json as { token: string },
  addLinkedEmail: async (officeId, email) =>
    (await postJson(`/offices/${path(officeId)}/linkedEmails`, { email })).json,
  removeLinkedEmail: async (officeId, email) =>
    (await httpClient(`${apiUrl}/offices/${path(officeId)}/linkedEmails/${path(email)}`, { method: 'DELETE' })).json,
  accountExists: (email) => getJson(`/connectionRequests/account?email=${encodeURIComponent(email)}`),
  revokeConnection: async (id, side, reason) =>
    (await postJson(`/connectionRequests/${path(id)}/revoke`, { side, reason: reason || undefined })).json,
};

export const dataProvider: VinculoDataProvider = {
  ...simpleRestProvider(apiUrl, withListCursors(httpClient)),
  ...custom,
};

/** Where the browser downloads an export; a plain link so the browser handles the file. */
export const exportUrl = {
  instance: (id: Identifier, format: 'json' | 'csv') => `${apiUrl}/instances/${path(id)}/export?format=${format}`,
  audit: (format: 'csv') => `${apiUrl}/audit/export?format=${format}`,
};
