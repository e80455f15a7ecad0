import request from 'supertest';
import { createOfficeWithCompany, randomCpf, randomEmail, type DirectoryStack } from '../../support/directoryStack.js';
import { instanceRow } from '../../support/projection.js';
import { eventually } from '../../support/stack.js';

export interface SeededUser {
  id: string;
  name: string;
  email: string;
  instanceId: string;
}

/** Waits until the projection shows the process in the state (the list and pages read the projection). */
export async function untilState(
  s: DirectoryStack,
  instanceId: string,
  state: string,
  timeoutMs = 20_000,
): Promise<void> {
  await eventually(async () => {
    const row = await instanceRow(s.db, instanceId);
    if (row?.state !== state) throw new Error(`${instanceId} is in ${String(row?.state)}, not ${state}`);
  }, timeoutMs);
}

/**
 * An office, a company and client users created through the API (the directory stack's
 * open-access app), each onboarding process waiting for its user to register.
 */
export async function seedWaitingClientUsers(
  s: DirectoryStack,
  names: string[],
  office = 'Contábil Aurora',
): Promise<SeededUser[]> {
  const { companyId } = await createOfficeWithCompany(s.app, office);
  const users: SeededUser[] = [];
  for (const name of names) {
    const email = emailFor(name);
    const res = await request(s.app).post('/api/clientUsers').send({ companyId, name, email, cpf: randomCpf() });
    if (res.status !== 201)
      throw new Error(`Creating client user ${name} answered ${res.status}: ${JSON.stringify(res.body)}`);
    users.push({ id: res.body.id, name, email, instanceId: res.body.instanceId });
  }
  await Promise.all(users.map((u) => untilState(s, u.instanceId, 'awaitingRegistration')));
  return users;
}

/** A unique address from a person's first name, accents dropped (e-mail local parts are ASCII here). */
export const emailFor = (name: string) =>
  randomEmail(
    name
      .split(' ')[0]!
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase(),
  );

/** An operator action through the API, the way the console sends it. */
export async function nudge(
  s: DirectoryStack,
  instanceId: string,
  type: string,
  reason: string,
  payload?: Record<string, unknown>,
): Promise<void> {
  const res = await request(s.app)
    .post(`/api/instances/${encodeURIComponent(instanceId)}/events`)
    .send({ type, reason, payload });
  if (res.status !== 200)
    throw new Error(`${type} to ${instanceId} answered ${res.status}: ${JSON.stringify(res.body)}`);
}
