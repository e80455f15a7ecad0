import { z } from 'zod';

// Brazilian registry numbers and e-mail addresses as the directory accepts them. Shared by the
// HTTP layer (to refuse bad input) and activities (to recognise placeholder addresses).

const digitsOnly = (s: string) => s.replace(/[.\-/\s]/g, '');

/** Check digit of the modulo-11 scheme CPF and CNPJ share; weights run right to left. */
function mod11Digit(digits: string, weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const cnpjWeights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const cpfWeights = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];

/** Appends the two check digits to a CNPJ's first 12 digits (also how valid test data is made). */
export function completeCnpj(base12: string): string {
  const first = mod11Digit(base12, cnpjWeights.slice(1));
  return `${base12}${first}${mod11Digit(`${base12}${first}`, cnpjWeights)}`;
}

/** Appends the two check digits to a CPF's first 9 digits. */
export function completeCpf(base9: string): string {
  const first = mod11Digit(base9, cpfWeights.slice(1));
  return `${base9}${first}${mod11Digit(`${base9}${first}`, cpfWeights)}`;
}

/** A CNPJ (14 digits, punctuation allowed) whose two check digits match; all-equal digits are refused. */
export function isValidCnpj(input: string): boolean {
  const d = digitsOnly(input);
  return /^\d{14}$/.test(d) && !/^(\d)\1{13}$/.test(d) && completeCnpj(d.slice(0, 12)) === d;
}

/** A CPF (11 digits, punctuation allowed) whose two check digits match; all-equal digits are refused. */
export function isValidCpf(input: string): boolean {
  const d = digitsOnly(input);
  return /^\d{11}$/.test(d) && !/^(\d)\1{10}$/.test(d) && completeCpf(d.slice(0, 9)) === d;
}

/** E-mails are compared trimmed and lower-cased everywhere. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

// Deliberately plain: one @, a local part without spaces, a dotted domain of letters, digits and hyphens.
const emailPattern =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function isValidEmail(input: string): boolean {
  const e = normalizeEmail(input);
  if (e.length > 254 || !emailPattern.test(e)) return false;
  const [local] = e.split('@');
  return !!local && local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

/** `.invalid` is reserved (RFC 2606): no mail can ever be delivered there. */
export const placeholderDomain = 'placeholder.invalid';
export const placeholderEmailFor = (clientUserId: string) => `client-user-${clientUserId}@${placeholderDomain}`;
export const isUndeliverable = (email: string) => /(^|\.)invalid$/.test(normalizeEmail(email).split('@')[1] ?? '');

export const emailSchema = z
  .string()
  .max(254, 'is longer than 254 characters')
  .refine(isValidEmail, 'is not a valid e-mail address')
  .transform(normalizeEmail);

export const cnpjSchema = z
  .string()
  .max(20, 'is too long')
  .refine(isValidCnpj, 'is not a valid CNPJ (check digits do not match)')
  .transform(digitsOnly);
export const cpfSchema = z
  .string()
  .max(20, 'is too long')
  .refine(isValidCpf, 'is not a valid CPF (check digits do not match)')
  .transform(digitsOnly);
