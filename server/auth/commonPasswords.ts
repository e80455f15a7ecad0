import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

// OWASP ASVS 2.1.7: refuse passwords found in breach corpora. zxcvbn's list holds the ~49,000
// passwords seen most often in public breaches; it ships with the package, so no lookup leaves here.
const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export const isCommonPassword = (password: string) => common.has(password.toLowerCase());

export const MIN_PORTAL_PASSWORD_LENGTH = 10;

/** A new portal password: at least 10 characters, at most 200, and not a commonly breached one. */
export const portalPasswordSchema = z
  .string()
  .min(MIN_PORTAL_PASSWORD_LENGTH, `must have at least ${MIN_PORTAL_PASSWORD_LENGTH} characters`)
  .max(200, 'must have at most 200 characters')
  .refine((p) => !isCommonPassword(p), 'is one of the most common passwords (found in data breaches); choose another');
