import crypto from 'node:crypto';
import argon2 from 'argon2';
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'must have at most 200 characters');

/** argon2id with the library's defaults (memory-hard); the hash carries its own salt and parameters. */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown e-mail, no password set) it
 * still spends the same work on a throwaway hash, so the answer time does not reveal which e-mails exist.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

/** A random password for a new account, shown once to whoever creates it: 20 URL-safe characters. */
export const generatePassword = () => crypto.randomBytes(15).toString('base64url');
