import crypto from 'node:crypto';

// Registry numbers with valid check digits, random so the demo can run again on the same data.
function checkDigit(digits: number[], weights: number[]): number {
  const rest = digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
  return rest < 2 ? 0 : 11 - rest;
}

export function randomCnpj(): string {
  const base = [...Array.from({ length: 8 }, () => crypto.randomInt(10)), 0, 0, 0, 1];
  const d1 = checkDigit(base, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = checkDigit([...base, d1], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return [...base, d1, d2].join('');
}

export function randomCpf(): string {
  const base = Array.from({ length: 9 }, () => crypto.randomInt(10));
  const d1 = checkDigit(base, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = checkDigit([...base, d1], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return [...base, d1, d2].join('');
}

const run = crypto.randomBytes(2).toString('hex');

/** `ana.souza.1a2b@example.com` from "Ana Souza": readable, and new on every run. */
export function emailOf(name: string, domain = 'example.com'): string {
  const local = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.');
  return `${local}.${run}@${domain}`;
}

export const portalPassword = 'demo password 2024';
