import type { DemoApi } from './api.js';
import { createClientUser, createCompany, createOffice, createOfficeUser, type Created } from './directory.js';
import { emailOf, portalPassword } from './fixtures.js';
import { followPortalLink, nudge, untilState } from './processes.js';
import { connections } from './connections.js';

/** One process the demo drove, with the state it was meant to reach. */
export interface Outcome {
  who: string;
  instanceId: string;
  goal: string;
}

export interface ScenarioOptions {
  api: DemoApi;
  log: (line: string) => void;
  /** The longest the demo waits for a process to expire on its own. */
  maxExpiryWaitMs: number;
}

const waiting = ['awaitingRegistration', 'awaitingLink'];

/** Offices, companies and people, and each process pushed to a different place. */
export async function runScenario({ api, log, maxExpiryWaitMs }: ScenarioOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const track = (who: string, created: Created, goal: string) => {
    outcomes.push({ who, instanceId: created.instanceId, goal });
    return created;
  };

  log('Offices and companies…');
  const aurora = await createOffice(api, 'Contábil Aurora');
  const horizonte = await createOffice(api, 'Escritório Horizonte');
  const padaria = await createCompany(api, aurora, 'Padaria Pão Quente Ltda');
  const oficina = await createCompany(api, aurora, 'Oficina Rápida ME');
  const auroraItself = await createCompany(api, aurora, 'Contábil Aurora (own books)');
  const mercado = await createCompany(api, horizonte, 'Mercado Bom Preço');

  log('Client users: one registers through the link in her e-mail…');
  const ana = track('Ana Souza (Padaria)', await createClientUser(api, padaria, 'Ana Souza'), 'registered');
  await untilState(api, ana.instanceId, waiting);
  log(`  Ana follows the link: ${await followPortalLink(api, ana.instanceId)}`);

  log(
    '…the same Ana at another office: her e-mail has an account, so the placeholder procedure runs and she links it…',
  );
  const anaAgain = track(
    'Ana Souza (Mercado, other office)',
    await createClientUser(api, mercado, 'Ana Souza', ana.email),
    'linked',
  );
  await untilState(api, anaAgain.instanceId, ['awaitingLink']);
  log(`  Ana confirms with her password: ${await followPortalLink(api, anaAgain.instanceId)}`);

  log('…two wait for their users (one given more time by an operator)…');
  const bruno = track(
    'Bruno Lima (Padaria)',
    await createClientUser(api, padaria, 'Bruno Lima'),
    'awaitingRegistration',
  );
  const carla = track(
    'Carla Dias (Oficina)',
    await createClientUser(api, oficina, 'Carla Dias'),
    'awaitingRegistration',
  );
  for (const user of [bruno, carla]) await untilState(api, user.instanceId, waiting);
  await nudge(api, bruno.instanceId, 'EXTEND_DEADLINE', 'Bruno is travelling until the end of the month', { days: 30 });
  await nudge(api, carla.instanceId, 'RESEND_NOW', 'Carla called: the first e-mail went to spam');

  log('…one is cancelled by an operator, one has an address that can never receive mail…');
  const diego = track('Diego Alves (Oficina)', await createClientUser(api, oficina, 'Diego Alves'), 'cancelled');
  await untilState(api, diego.instanceId, waiting);
  await nudge(api, diego.instanceId, 'CANCEL', 'Diego left the company before registering');
  // `.invalid` is reserved (RFC 2606): the send fails for good and the process waits for an operator.
  const elisa = track(
    'Elisa Rocha (Padaria)',
    await createClientUser(api, padaria, 'Elisa Rocha', emailOf('Elisa Rocha', 'padaria.invalid')),
    'sendFailed',
  );
  await untilState(api, elisa.instanceId, ['sendFailed']);

  await officeUsers(api, log, track, { aurora, horizonte, auroraItself });
  await connections(api, log, track, { aurora, horizonte, padaria, oficina, mercado, anaEmail: ana.email });
  await expiry(api, log, track, oficina, maxExpiryWaitMs, [bruno, carla]);
  return outcomes;
}

type Track = (who: string, created: Created, goal: string) => Created;

/** Office staff: the manager links first, with the office's agent online; the others wait or fail. */
async function officeUsers(
  api: DemoApi,
  log: (line: string) => void,
  track: Track,
  ids: { aurora: string; horizonte: string; auroraItself: string },
) {
  log('Office users: staff created before the manager waits for the manager…');
  const gabriela = track(
    'Gabriela Melo (Aurora staff)',
    await createOfficeUser(api, ids.aurora, 'Gabriela Melo', 'staff'),
    'awaitingCredentials',
  );
  await untilState(api, gabriela.instanceId, ['awaitingManager']);

  log('…the manager has a platform account (registered through the portal), the agent comes online, and she links…');
  const marinaClient = await createClientUser(api, ids.auroraItself, 'Marina Costa');
  await untilState(api, marinaClient.instanceId, waiting);
  await followPortalLink(api, marinaClient.instanceId);
  const marina = track(
    'Marina Costa (Aurora manager)',
    await createOfficeUser(api, ids.aurora, 'Marina Costa', 'manager', marinaClient.email),
    'linked',
  );
  await untilState(api, marina.instanceId, ['awaitingAgent']);
  await api.post(`/api/offices/${ids.aurora}/agent-heartbeat`, {});
  await untilState(api, marina.instanceId, ['awaitingCredentials']);
  await api.post(`/api/officeUsers/${marina.id}/credentials`, { password: portalPassword });
  await untilState(api, marina.instanceId, ['linked', 'linked.connected', 'linked.checkingConnection']);
  log('  Marina is linked; Gabriela, woken up, now waits for her own credentials.');
  await untilState(api, gabriela.instanceId, ['awaitingCredentials']);

  log('…a staff user types a wrong password; another office never had its agent online.');
  const iris = track(
    'Íris Prado (Aurora staff)',
    await createOfficeUser(api, ids.aurora, 'Íris Prado', 'staff'),
    'credentialsRejected',
  );
  await untilState(api, iris.instanceId, ['awaitingCredentials']);
  await api
    .post(`/api/officeUsers/${iris.id}/credentials`, { email: marinaClient.email, password: 'not the password' })
    .catch(() => undefined);
  await untilState(api, iris.instanceId, ['credentialsRejected']);
  const hugo = track(
    'Hugo Pires (Horizonte manager)',
    await createOfficeUser(api, ids.horizonte, 'Hugo Pires', 'manager'),
    'awaitingAgent',
  );
  await untilState(api, hugo.instanceId, ['awaitingAgent']);
}

/** "14 days", "3.5 h", "52 s": the unit a person would use. */
function duration(ms: number): string {
  if (!Number.isFinite(ms)) return 'an unknown time';
  if (ms >= 86_400_000) return `${Math.round((ms / 86_400_000) * 10) / 10} days`;
  if (ms >= 3_600_000) return `${Math.round((ms / 3_600_000) * 10) / 10} h`;
  if (ms >= 60_000) return `${Math.round((ms / 60_000) * 10) / 10} min`;
  return `${Math.round(ms / 1000)} s`;
}

interface Timing {
  resendDelaysMs: number[];
  expireAfterMs: number;
}

/** Expiry takes the server's configured days; the demo waits for it only when they are short. */
async function expiry(
  api: DemoApi,
  log: (line: string) => void,
  track: Track,
  companyId: string,
  maxWaitMs: number,
  keepWaiting: Created[],
) {
  const fabio = await createClientUser(api, companyId, 'Fábio Nunes');
  await untilState(api, fabio.instanceId, waiting);
  const snapshot = await api.get<{ context: { timing?: Timing } }>(
    `/api/instances/${encodeURIComponent(fabio.instanceId)}/snapshot`,
  );
  const timing = snapshot.context.timing;
  const totalMs = timing ? timing.resendDelaysMs.reduce((a, b) => a + b, 0) + timing.expireAfterMs : Infinity;
  if (totalMs > maxWaitMs) {
    track('Fábio Nunes (Oficina)', fabio, 'awaitingRegistration');
    log(
      `Expiry: this server expires invitations after ${duration(totalMs)}, longer than the demo waits (${duration(maxWaitMs)}). For an expired process,`,
    );
    log(
      '  restart `npm start` with short delays, e.g. ONBOARDING_RESEND_AFTER_DAYS=0.0003 ONBOARDING_EXPIRE_AFTER_DAYS=0.0006 (about 50 s), and run the demo again.',
    );
    return;
  }
  track('Fábio Nunes (Oficina)', fabio, 'expired');
  // With delays this short the others would expire too; an operator gives them more time.
  for (const user of keepWaiting)
    await nudge(api, user.instanceId, 'EXTEND_DEADLINE', 'keep waiting while the demo runs', { days: 30 });
  log(`Waiting up to ${Math.ceil(totalMs / 1000)} s for Fábio's invitation to be resent and then expire…`);
  await untilState(api, fabio.instanceId, ['expired'], totalMs + 30_000);
}
