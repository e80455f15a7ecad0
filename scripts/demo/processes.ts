import { listQuery, type DemoApi } from './api.js';
import { loadConfig } from '../../server/config.js';
import { openDb } from '../../server/db/index.js';
import { portalPassword } from './fixtures.js';

export interface InstanceRow {
  id: string;
  machine: string;
  state: string;
  status: string;
  stuck: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the projection (what the console shows) until the process is in one of the states. */
export async function untilState(
  api: DemoApi,
  instanceId: string,
  states: string[],
  timeoutMs = 30_000,
): Promise<InstanceRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await api.get<InstanceRow>(`/api/instances/${encodeURIComponent(instanceId)}`).catch(() => undefined);
    if (row && states.includes(row.state)) return row;
    if (Date.now() > deadline)
      throw new Error(
        `${instanceId} is in "${row?.state ?? 'nothing yet'}" after ${timeoutMs / 1000} s, not in ${states.join(' or ')}.`,
      );
    await sleep(250);
  }
}

/** An operator event with its reason, as the console's nudge dialog sends it. */
export function nudge(
  api: DemoApi,
  instanceId: string,
  type: string,
  reason: string,
  payload?: Record<string, unknown>,
) {
  return api.post<{ state: string }>(`/api/instances/${encodeURIComponent(instanceId)}/events`, {
    type,
    reason,
    payload,
  });
}

interface OutboxRow {
  id: string;
  template: string;
  to: string;
  text?: string;
}

/**
 * The message as its recipient got it. The API shows staff the message with its link hidden, so
 * the demo, playing the recipient, reads the captured copy in the database `npm start` uses.
 */
export async function mailboxCopy(id: string): Promise<OutboxRow> {
  const db = openDb(loadConfig().database);
  try {
    const row = (await db('outbox').where({ id }).first('id', 'template', 'to', 'text')) as OutboxRow | undefined;
    if (!row) throw new Error(`The e-mail ${id} is not in the database of DATA_DIR / DATABASE_URL.`);
    return row;
  } finally {
    await db.destroy();
  }
}

/** The portal link of the newest registration or account-link e-mail the process sent. */
export async function latestPortalLink(
  api: DemoApi,
  instanceId: string,
): Promise<{ page: 'register' | 'link'; token: string; to: string }> {
  const [summary] = await api.get<OutboxRow[]>(`/api/outbox${listQuery({ instanceId })}`);
  if (!summary) throw new Error(`No e-mail in the outbox for ${instanceId}.`);
  const mail = await mailboxCopy(summary.id);
  // The link's host is PUBLIC_URL; only its path and token matter here.
  const match = /\/portal\/(register|link)\?token=([^\s"'<>)]+)/.exec(mail.text ?? '');
  if (!match) throw new Error(`The e-mail ${mail.id} to ${mail.to} carries no portal link.`);
  return { page: match[1] as 'register' | 'link', token: decodeURIComponent(match[2]!), to: mail.to };
}

/** What the user does with the e-mail: sets a password (new account) or proves the existing one. */
export async function followPortalLink(api: DemoApi, instanceId: string): Promise<string> {
  const link = await latestPortalLink(api, instanceId);
  const done = await api.post<{ state: string }>(`/portal/api/${link.page}`, {
    token: link.token,
    password: portalPassword,
  });
  return done.state;
}
