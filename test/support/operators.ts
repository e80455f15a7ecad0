import crypto from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { createOperator, type Operator } from '../../server/auth/operators.js';
import type { Role } from '../../server/auth/principal.js';
import type { Db } from '../../server/db/index.js';
import { uniqueId } from './stack.js';

export interface LoggedIn {
  /** Keeps the session cookie and sends the CSRF header on every request, like the console. */
  agent: ReturnType<typeof request.agent>;
  operator: Operator;
  password: string;
  csrf: string;
}

/** The value of a cookie a response set, or undefined. */
export function setCookie(res: request.Response, name: string): string | undefined {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  const found = (raw ?? []).find((c) => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1).split(';')[0] ?? '') : undefined;
}

/** A fresh operator with its own e-mail and password; nothing shared between tests. */
export async function makeOperator(db: Db, role: Role, o: { active?: boolean } = {}) {
  const password = crypto.randomBytes(12).toString('base64url');
  const operator = await createOperator(db, {
    email: `${uniqueId(role)}@test.local`,
    role,
    password,
    active: o.active,
  });
  return { operator, password };
}

/** Creates an operator of the role, logs in through the API, and returns an agent carrying the session. */
export async function loginAs(app: Express, db: Db, role: Role): Promise<LoggedIn> {
  const { operator, password } = await makeOperator(db, role);
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/login').send({ email: operator.email, password });
  if (res.status !== 200) throw new Error(`Log-in as ${role} failed with ${res.status}: ${JSON.stringify(res.body)}`);
  const csrf = setCookie(res, 'vinculo_csrf');
  if (!csrf) throw new Error('The log-in response set no vinculo_csrf cookie.');
  agent.set('X-CSRF-Token', csrf);
  return { agent, operator, password, csrf };
}
