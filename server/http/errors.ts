import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorKind } from '../../domain/errors.js';
import { zodMessage } from '../../domain/zodMessage.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable.js';

/** A failure the caller can act on: a stable code, an HTTP status and a sentence for a person. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The only place a domain error's kind becomes an HTTP status. */
export const statusOfKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  throttled: 429,
  unavailable: 503,
};

export const notFound = (what: string, id: string) => new AppError(404, 'not_found', `${what} "${id}" does not exist.`);
export const badRequest = (message: string, details: Record<string, unknown> = {}) =>
  new AppError(400, 'bad_request', message, details);

export { zodMessage };

export const unknownRoute: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'not_found', `No route ${req.method} ${req.path}.`));
};

/** The one place errors become responses: known ones as they are, everything else as a logged 500. */
export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError) {
      res.status(err.status).json({ error: err.code, message: err.message, ...err.details });
      return;
    }
    if (err instanceof DomainError) {
      const retryAfter = err.details.retryAfterSeconds;
      if (err.kind === 'throttled' && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
      res.status(statusOfKind[err.kind]).json({ error: err.code, message: err.message, ...err.details });
      return;
    }
    if (err instanceof ZodError) {
      res.status(400).json({ error: 'bad_request', message: zodMessage(err, 'body') });
      return;
    }
    // Body-parser failures (malformed JSON, body too large) carry their own 4xx status.
    const status =
      (err as { status?: number; statusCode?: number }).status ?? (err as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : 'bad_request';
      const message =
        status === 413
          ? 'The request body is too large.'
          : `The request body could not be read: ${(err as Error).message}.`;
      res.status(status).json({ error: code, message });
      return;
    }
    // An outage, not a bug: 503 with Retry-After, logged as one line without the query or its values.
    if (isDatabaseUnavailable(err)) {
      log(`Database unavailable on ${req.method} ${req.path}`, (err as { code?: string }).code ?? (err as Error).name);
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res.status(503).json({
        error: 'database_unavailable',
        message: `The database is not answering right now, so this request could not be completed. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
      });
      return;
    }
    log(`Unhandled error on ${req.method} ${req.path}`, safeForLog(err));
    res.status(500).json({ error: 'internal', message: 'Something went wrong on our side; it has been logged.' });
  };
}

/**
 * What may be logged of an error: a database error's message carries the failing SQL with its
 * bound values (e-mails, names) interpolated, so only the driver's own message and code are kept.
 */
export function safeForLog(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const { code } = err as Error & { code?: unknown };
  // Knex prefixes the driver's message with the query, values interpolated: "<sql> - <driver message>".
  const cut = err.message.lastIndexOf(' - ');
  if (code === undefined || cut < 0) return err;
  const safe = new Error(`Database error (${String(code)}): ${err.message.slice(cut + 3)}`);
  safe.stack = [safe.message, ...(err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l))].join('\n');
  return safe;
}
