import type { Knex } from 'knex';
import request from 'supertest';
import { expect } from 'vitest';
import { portalPath } from './mailCatcher.js';
import { createOfficeWithCompany, existingAccount, randomEmail, type DirectoryStack } from './directoryStack.js';
import { instanceRow, transitionsOf } from './projection.js';
import { eventually } from './stack.js';

// People taking their portal step (register, or link an account they already have) against a
// server in its own process, as the crash tests need: one attempt, retries as a browser would,
// and the check that every step reached its process exactly once.

export const portalPassword = 'correct horse battery staple';

export interface PortalPerson {
  email: string;
  token: string;
  instanceId: string;
  step: 'register' | 'link';
}

const done = {
  register: { state: 'registered', event: 'REGISTERED' },
  link: { state: 'linked', event: 'ACCOUNT_LINK_CONFIRMED' },
};

/** `register` new people and `link` people whose e-mail already has an account, each with the link from their mail. */
export async function peopleWithLinks(
  s: Pick<DirectoryStack, 'app' | 'smtp' | 'db'>,
  counts: { register: number; link: number },
): Promise<PortalPerson[]> {
  const { companyId } = await createOfficeWithCompany(s.app);
  const people: PortalPerson[] = [];
  const steps = [
    ...Array.from({ length: counts.register }, () => 'register' as const),
    ...Array.from({ length: counts.link }, () => 'link' as const),
  ];
  for (const [i, step] of steps.entries()) {
    const email = randomEmail(`${step}${i}`);
    if (step === 'link') await existingAccount(s.db, email, portalPassword);
    const created = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId, name: `P ${i}`, email })
      .expect(201);
    people.push({ email, token: '', instanceId: created.body.instanceId as string, step });
  }
  for (const p of people) {
    const mail = await eventually(() => s.smtp.to(p.email)[0] ?? Promise.reject(new Error('no mail yet')), 60_000);
    p.token = new URL(`http://x${portalPath(mail)}`).searchParams.get('token')!;
  }
  return people;
}

/** One attempt: the status, or 0 when the connection broke. */
export async function takeStep(port: number, p: PortalPerson, password = portalPassword): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/portal/api/${p.step}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: p.token, password }),
    });
    await res.text();
    return res.status;
  } catch {
    return 0;
  }
}

export const isAccepted = (status: number) => status >= 200 && status < 300;

/** Retries as a person would, until a 2xx (the server may be down for a while); never a 410. */
export async function stepUntilAccepted(port: number, p: PortalPerson): Promise<number> {
  for (let i = 0; i < 240; i += 1) {
    const status = await takeStep(port, p);
    if (isAccepted(status)) return status;
    expect([0, 502, 503]).toContain(status); // never 410: a retry is answered, not refused
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('never accepted');
}

/** Every person's process took the step once and ended registered or linked; none expired. */
export async function expectAllDoneOnce(db: Knex, people: PortalPerson[], timeoutMs = 90_000): Promise<void> {
  for (const p of people) {
    await eventually(
      async () => expect(await instanceRow(db, p.instanceId)).toMatchObject({ state: done[p.step].state }),
      timeoutMs,
    );
    const taken = (await transitionsOf(db, p.instanceId)).filter((t) => t.event === done[p.step].event);
    expect(taken).toHaveLength(1);
  }
  const statuses = await db('clientUsers')
    .whereIn(
      'instanceId',
      people.map((p) => p.instanceId),
    )
    .select('instanceId', 'status');
  const byInstance = new Map(statuses.map((r: { instanceId: string; status: string }) => [r.instanceId, r.status]));
  expect(people.map((p) => byInstance.get(p.instanceId))).toEqual(people.map((p) => done[p.step].state));
}

const tokenOf = (path: string) => new URL(`http://x${path}`).searchParams.get('token')!;

export interface TwoOfficePerson {
  email: string;
  password: string;
  first: { officeId: string; companyId: string; clientUserId: string };
  second: { officeId: string; companyId: string; clientUserId: string };
}

/**
 * One person in two offices, the way it happens: registered as the client user of a company of
 * the first office, then linked (with the same password) as the client user of the second's.
 */
export async function personInTwoOffices(
  s: DirectoryStack,
  names: [string, string] = ['Escritório Alfa', 'Escritório Beta'],
): Promise<TwoOfficePerson> {
  const email = randomEmail('two');
  const password = 'a long portal password';
  const join = async (officeName: string, step: 'register' | 'link') => {
    const office = await createOfficeWithCompany(s.app, officeName);
    const user = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId: office.companyId, name: 'Duda', email, locale: 'en' })
      .expect(201);
    // The newest mail of this step, by its link, not by its place: a transmission repeated after a
    // crash (same Message-ID) or a resend of the first office's mail may arrive in between, and a
    // resend withdraws the link before it (410), as a person who used an older mail would see.
    await eventually(async () => {
      const mail = s.smtp
        .to(email)
        .filter((m) => portalPath(m).startsWith(`/portal/${step}?`))
        .at(-1);
      if (!mail) throw new Error(`no ${step} mail yet`);
      const res = await request(s.app)
        .post(`/portal/api/${step}`)
        .send({ token: tokenOf(portalPath(mail)), password });
      if (res.status !== 200) throw new Error(`${step} answered ${res.status}: ${JSON.stringify(res.body)}`);
    });
    return { ...office, clientUserId: user.body.id as string };
  };
  const first = await join(names[0], 'register');
  const second = await join(names[1], 'link');
  return { email, password, first, second };
}

/** The CSRF cookie's value from a sign-in answer, to echo in the X-CSRF-Token header. */
export function portalCsrf(res: { headers: Record<string, unknown> }): string {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
  const csrf = cookies.find((c) => c.startsWith('vinculo_portal_csrf='));
  if (!csrf) throw new Error('No portal CSRF cookie was set.');
  return decodeURIComponent(csrf.split(';')[0]!.slice('vinculo_portal_csrf='.length));
}

/** The headers a signed-in portal request carries: the session's cookies and the CSRF token. */
export type PortalAuth = Record<string, string>;

/** Signs in to the portal and answers the headers of that session, for `request(app).set(auth)`. */
export async function portalSignIn(app: DirectoryStack['app'], email: string, password: string): Promise<PortalAuth> {
  const res = await request(app).post('/portal/api/session').send({ email, password }).expect(200);
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
  return { Cookie: cookies.map((c) => c.split(';')[0]!).join('; '), 'X-CSRF-Token': portalCsrf(res) };
}

/** The same headers with the session cookie's value altered. */
export const forgedPortalAuth = (auth: PortalAuth): PortalAuth => ({
  ...auth,
  Cookie: auth.Cookie!.replace(/vinculo_portal_session=[^;]+/, 'vinculo_portal_session=forged'),
});
