import type { Request } from 'express';
import type { ZodType } from 'zod';
import { AppError, zodMessage } from './errors.js';

/** Parses one part of a request with a zod schema; a mismatch is a 400 naming each bad field. */
export function parse<T>(schema: ZodType<T>, value: unknown, where: 'body' | 'query' | 'params'): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError(400, 'bad_request', `Invalid ${where}: ${zodMessage(result.error, where)}.`);
  return result.data;
}

export const parseBody = <T>(schema: ZodType<T>, req: Request) => parse(schema, req.body ?? {}, 'body');
