import { listQuery, type DemoApi } from './api.js';
import { generateInvoices } from '../../domain/companyData/documents.js';
import { loadConfig } from '../../server/config.js';
import { openDb } from '../../server/db/index.js';
import type { Created } from './directory.js';
import { emailOf } from './fixtures.js';
import { mailboxCopy, untilState } from './processes.js';

type Track = (who: string, created: Created, goal: string) => Created;

interface Request {
  id: string;
  instanceId: string;
  email: string;
}

/** Opens a connection request through the API, as the console's "Convidar cliente" or a client's "Meu contador". */
async function open(api: DemoApi, body: Record<string, unknown>): Promise<Created> {
  const r = await api.post<Request>('/api/connectionRequests', body);
  return { id: r.id, instanceId: r.instanceId, email: r.email };
}

/** The client (or office) approves with the link of the newest approval e-mail, as the recipient. */
async function approveFromMail(api: DemoApi, instanceId: string): Promise<string> {
  const [summary] = await api.get<Array<{ id: string }>>(`/api/outbox${listQuery({ instanceId })}`);
  if (!summary) throw new Error(`No e-mail in the outbox for ${instanceId}.`);
  const mail = await mailboxCopy(summary.id);
  const token = /\/portal\/connection\?token=([^&\s"'<>)]+)&decision=approve/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`The e-mail ${mail.id} carries no approve link.`);
  return (await api.post<{ state: string }>('/portal/api/connection/approve', { token: decodeURIComponent(token) }))
    .state;
}

/** Generated invoices for the company-data area (three months of NF-e, NFC-e and suppliers' XMLs). */
async function seedInvoices(companyId: string): Promise<number> {
  const db = openDb(loadConfig().database);
  try {
    const year = new Date().getFullYear();
    return await generateInvoices(db, companyId, { year, months: [1, 2, 3], seed: `demo-${companyId}` });
  } finally {
    await db.destroy();
  }
}

/** Connection requests in both directions, one approved into an active connection, and invoices to look at. */
export async function connections(
  api: DemoApi,
  log: (line: string) => void,
  track: Track,
  ids: { aurora: string; horizonte: string; padaria: string; oficina: string; mercado: string; anaEmail: string },
) {
  log('Connection requests: Aurora invites Padaria, whose Ana has an account; she approves from the e-mail…');
  const toPadaria = track(
    'Aurora → Padaria (connection)',
    await open(api, {
      direction: 'officeToClient',
      officeId: ids.aurora,
      companyId: ids.padaria,
      email: ids.anaEmail,
    }),
    'active',
  );
  await untilState(api, toPadaria.instanceId, ['awaitingApproval']);
  log(`  Ana approves: ${await approveFromMail(api, toPadaria.instanceId)}`);
  await untilState(api, toPadaria.instanceId, ['active']);
  log(`  ${await seedInvoices(ids.padaria)} generated invoices for Padaria, which Aurora now sees as its accountant.`);

  log('…Horizonte invites Oficina, whose e-mail has no account yet: an invitation to create it goes first…');
  track(
    'Horizonte → Oficina (connection)',
    await open(api, {
      direction: 'officeToClient',
      officeId: ids.horizonte,
      companyId: ids.oficina,
      email: emailOf('Oficina Financeiro', 'oficina.example.com'),
    }),
    'awaitingAccount',
  );

  log('…Mercado\'s "my accountant" request reaches Aurora through a secondary linked e-mail…');
  const secondary = emailOf('Fiscal Aurora', 'aurora.example.com');
  await api.post(`/api/offices/${ids.aurora}/linkedEmails`, { email: secondary });
  track(
    'Mercado → Aurora (connection)',
    await open(api, {
      direction: 'clientToOffice',
      companyId: ids.mercado,
      accountantEmail: secondary,
      officeName: 'Contábil Aurora',
      officePhone: '11 3333-0000',
    }),
    'awaitingApproval',
  );

  log('…and a request to an accountant no office has linked waits for one.');
  track(
    'Oficina → unknown accountant (connection)',
    await open(api, {
      direction: 'clientToOffice',
      companyId: ids.oficina,
      accountantEmail: emailOf('Contador Desconhecido', 'desconhecido.example.com'),
      officeName: 'Contador Desconhecido',
    }),
    'awaitingOfficeMatch',
  );
}
