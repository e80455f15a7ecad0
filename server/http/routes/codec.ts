import express, { Router, type Request, type RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import cookieParser from 'cookie-parser';
import { roles } from '../../auth/principal.js';
import { cookieOf, SESSION_COOKIE } from '../../auth/cookies.js';
import { useSession, type SessionOptions } from '../../auth/sessions.js';
import { AppError } from '../errors.js';
import { parseBody } from '../validate.js';

export interface CodecRouterDeps {
  db: Knex;
  codec: PayloadCodec;
  /** The Temporal UI's address (TEMPORAL_UI_URL): its origin is the only one that may call. */
  uiUrl?: string;
  session: SessionOptions;
}

const base64 = z
  .string()
  .max(8_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const body = z.object({
  payloads: z
    .array(z.object({ metadata: z.record(z.string().max(200), base64).optional(), data: base64.optional() }))
    .max(1000),
});
type JsonPayload = z.infer<typeof body>['payloads'][number];

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * The remote codec the Temporal UI calls (Temporal's "codec server" protocol) so a signed-in
 * auditor, operator or administrator reads the encrypted payloads in clear. Mounted before the
 * console's same-origin and CSRF checks: the UI is another origin and cannot send the CSRF header,
 * so this router allows that one origin by CORS, with the session cookie, and nothing else.
 * Decoding and encoding change no data, so nothing here is audited.
 */
export function codecRouter(deps: CodecRouterDeps): Router {
  const uiOrigin = deps.uiUrl ? new URL(deps.uiUrl).origin : undefined;
  const router = Router();

  const cors: RequestHandler = (req, res, next) => {
    const origin = req.get('origin');
    if (origin === undefined) return next(); // not a browser's cross-origin call: the session decides
    if (origin !== uiOrigin)
      throw new AppError(
        403,
        'origin_not_allowed',
        `The codec answers only the Temporal UI (${uiOrigin ?? 'not set'}).`,
      );
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };

  const signedIn: RequestHandler = async (req: Request, _res, next) => {
    const session = await useSession(deps.db, cookieOf(req, SESSION_COOKIE), deps.session);
    if (session.kind !== 'valid') throw new AppError(401, 'unauthenticated', 'Log in to the console first.');
    const { operator } = session;
    // Every console role (administrator, operator, auditor) is the auditor's or above.
    if (!operator.active || !(roles as readonly string[]).includes(operator.role))
      throw new AppError(403, 'forbidden', 'Reading payloads needs the auditor role at least.');
    next();
  };

  router.use(cors);
  router.use(cookieParser(), signedIn, express.json({ limit: '16mb' }));
  router.post('/decode', async (req, res) => {
    const { payloads } = parseBody(body, req);
    res.json({ payloads: (await deps.codec.decode(payloads.map(fromJson))).map(toJson) });
  });
  router.post('/encode', async (req, res) => {
    const { payloads } = parseBody(body, req);
    res.json({ payloads: (await deps.codec.encode(payloads.map(fromJson))).map(toJson) });
  });
  return router;
}
