import request from 'supertest';
import { portalPath } from './mailCatcher.js';
import { createOfficeWithCompany, randomEmail, type DirectoryStack } from './directoryStack.js';
import { eventually } from './stack.js';

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
  const join = async (officeName: string, mailNo: number, step: 'register' | 'link') => {
    const office = await createOfficeWithCompany(s.app, officeName);
    const user = await request(s.app)
      .post('/api/clientUsers')
      .send({ companyId: office.companyId, name: 'Duda', email, locale: 'en' })
      .expect(201);
    const mail = await eventually(() => s.smtp.to(email)[mailNo] ?? Promise.reject(new Error('no mail yet')));
    await request(s.app)
      .post(`/portal/api/${step}`)
      .send({ token: tokenOf(portalPath(mail)), password })
      .expect(200);
    return { ...office, clientUserId: user.body.id as string };
  };
  const first = await join(names[0], 0, 'register');
  const second = await join(names[1], 1, 'link');
  return { email, password, first, second };
}

/** The CSRF cookie's value from a sign-in answer, to echo in the X-CSRF-Token header. */
export function portalCsrf(res: { headers: Record<string, unknown> }): string {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
  const csrf = cookies.find((c) => c.startsWith('vinculo_portal_csrf='));
  if (!csrf) throw new Error('No portal CSRF cookie was set.');
  return decodeURIComponent(csrf.split(';')[0]!.slice('vinculo_portal_csrf='.length));
}
