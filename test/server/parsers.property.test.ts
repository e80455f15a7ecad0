import crypto from 'node:crypto';
import type { Request } from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuePortalToken, readPortalToken, TokenError } from '../../domain/tokens.js';
import type { Db } from '../../server/db/index.js';
import { AppError } from '../../server/http/errors.js';
import { MAX_OFFSET, parseListParams, type ListSpec } from '../../server/http/listQuery.js';
import { createTestDb } from '../support/testDb.js';

// Property-based: whatever text arrives, the parsers answer a known refusal or a valid value.
const secret = crypto.randomBytes(32).toString('hex');
let db: Db;
let valid: string;
beforeAll(async () => {
  ({ db } = await createTestDb());
  valid = await issuePortalToken(db, secret, {
    purpose: 'register',
    clientUserId: 'u1',
    instanceId: 'i1',
    email: 'a@example.com',
    ttlMs: 3_600_000,
  });
});
afterAll(async () => db?.destroy());

const forged = async (token: string) => {
  const err = await readPortalToken(db, secret, token).then(
    () => undefined,
    (e: unknown) => e,
  );
  return err instanceof TokenError && err.kind === 'forged';
};

describe('portal token parsing', () => {
  it('refuses any string we did not sign as forged, and nothing else', async () => {
    const tokenLike = fc.oneof(
      fc.string({ maxLength: 600 }),
      fc.tuple(fc.base64String(), fc.base64String()).map(([a, b]) => `${a}.${b}`.replace(/[+/=]/g, '_')),
      fc.constantFrom('.', '..', 'a.b.c', '\u0000.\u0000', `${'a'.repeat(499)}.`),
    );
    await fc.assert(
      fc.asyncProperty(tokenLike, async (t) => {
        expect(await forged(t)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every one-character change of a valid token', async () => {
    expect((await readPortalToken(db, secret, valid)).clientUserId).toBe('u1');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const mutation = fc.tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom(...alphabet.split('')));
    await fc.assert(
      fc.asyncProperty(mutation, async ([i, c]) => {
        fc.pre(valid[i] !== c);
        const changed = valid.slice(0, i) + c + valid.slice(i + 1);
        // base64url's last character may carry unused bits: a change there can decode to the same bytes.
        const sameBytes = changed.split('.').every((part, k) => {
          const original = valid.split('.')[k];
          return original !== undefined && Buffer.from(part, 'base64url').equals(Buffer.from(original, 'base64url'));
        });
        fc.pre(!sameBytes);
        expect(await forged(changed)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

const spec: ListSpec = {
  resource: 'things',
  table: 'things',
  sortable: ['id', 'name'],
  filters: { status: 'exact', active: 'boolean' },
  defaultSort: ['id', 'ASC'],
  maxPageSize: 100,
};
const requestWith = (query: Record<string, unknown>) => ({ query }) as unknown as Request;

describe('list parameter parsing', () => {
  it('answers a valid page or a 400, whatever sort, range and filter hold', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.string(),
      fc
        .tuple(fc.oneof(fc.double(), fc.integer(), fc.bigInt().map(String)), fc.oneof(fc.double(), fc.integer()))
        .map((r) => JSON.stringify(r)),
      fc
        .tuple(fc.constantFrom('id', 'name', '__proto__', 'constructor', 'x'), fc.constantFrom('ASC', 'desc', 'up', ''))
        .map((s) => JSON.stringify(s)),
      fc
        .dictionary(
          fc.constantFrom('q', 'id', 'status', 'active', '__proto__', 'toString', 'hasOwnProperty', 'x'),
          fc.jsonValue(),
        )
        .map((d) => JSON.stringify(d)),
    );
    const query = fc.record({ sort: jsonish, range: jsonish, filter: jsonish }, { requiredKeys: [] });
    fc.assert(
      fc.property(query, (q) => {
        let params;
        try {
          params = parseListParams(requestWith(q), spec);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).status).toBe(400);
          return;
        }
        expect(spec.sortable).toContain(params.sort[0]);
        const [first, last] = params.range;
        expect(Number.isSafeInteger(first) && Number.isSafeInteger(last)).toBe(true);
        expect(first >= 0 && first <= last && last <= MAX_OFFSET && last - first < 100).toBe(true);
        for (const key of Object.keys(params.filter)) expect(['q', 'id', 'status', 'active']).toContain(key);
      }),
      { numRuns: 2000 },
    );
  });
});
