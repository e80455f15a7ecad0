import type { Response } from 'express';
import { AppError } from '../errors.js';

/** Too many wrong passwords in a row: the caller must wait before the next try. */
export function throttled(res: Response, retryAfterSeconds: number): AppError {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  return new AppError(429, 'too_many_attempts', `Too many wrong passwords. Try again in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
}

/** One message for unknown accounts and wrong passwords alike, so nothing leaks. */
export const wrongPassword = (message: string, details: Record<string, unknown> = {}) =>
  new AppError(401, 'invalid_credentials', message, details);
