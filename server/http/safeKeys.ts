import type { RequestHandler } from 'express';
import { AppError } from './errors.js';

/** Deeper than any body the API takes; Temporal's payload converter fails far below JSON.parse's limit. */
export const MAX_BODY_DEPTH = 32;

/** Keys that would reach an object's prototype when a body is spread, merged or looked up. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// PostgreSQL text cannot hold U+0000 (it fails the whole query), and no field of ours needs it.
const NUL = '\u0000';
const NUL_PROBLEM = 'The request cannot contain the NUL character (\\u0000) in any field.';

/** The first problem in a parsed JSON body (too deep, a prototype key, a NUL character), or undefined. */
export function bodyProblem(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? NUL_PROBLEM : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_BODY_DEPTH) return `The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key))
      return `The request body cannot contain a field named "${key}".`;
    if (key.includes(NUL)) return NUL_PROBLEM;
    const problem = bodyProblem(child, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Refuses, with a 400, bodies too deep to store or carrying prototype keys, and a NUL character in
 * a body or query, before any route reads them.
 */
export const guardBody: RequestHandler = (req, _res, next) => {
  const inQuery = Object.values(req.query).some((v) =>
    [v].flat().some((x) => typeof x === 'string' && x.includes(NUL)),
  );
  const problem = bodyProblem(req.body) ?? (inQuery ? NUL_PROBLEM : undefined);
  next(problem ? new AppError(400, 'bad_request', problem) : undefined);
};
