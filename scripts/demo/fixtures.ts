import crypto from 'node:crypto';
import { completeCnpj, completeCpf } from '../../domain/directory/validation.js';

// Registry numbers with valid check digits, random so the demo can run again on the same data.
const randomDigits = (n: number) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');
export const randomCnpj = () => completeCnpj(`${randomDigits(8)}0001`);
export const randomCpf = () => completeCpf(randomDigits(9));

const run = crypto.randomBytes(2).toString('hex');

/** `ana.souza.1a2b@example.com` from "Ana Souza": readable, and new on every run. */
export function emailOf(name: string, domain = 'example.com'): string {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.');
  return `${local}.${run}@${domain}`;
}

export const portalPassword = 'demo password 2024';
