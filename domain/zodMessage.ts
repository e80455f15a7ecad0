import type { ZodError } from 'zod';

/** One sentence naming each field a zod schema refused, e.g. `email: is not a valid e-mail address`. */
export function zodMessage(err: ZodError, where: string): string {
  return err.issues
    .map((i) => {
      const field = i.path.length ? i.path.join('.') : where;
      return `${field}: ${i.message}`;
    })
    .join('; ');
}
