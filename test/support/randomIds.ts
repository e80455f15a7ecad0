import crypto from 'node:crypto';
import { completeCnpj, completeCpf } from '../../domain/directory/validation.js';

// Valid registry numbers and addresses for fixtures, random so each test gets its own.
const randomDigits = (n: number) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');
export const randomCnpj = () => completeCnpj(`${randomDigits(8)}0001`);
export const randomCpf = () => completeCpf(randomDigits(9));
export const randomEmail = (who: string) => `${who}.${crypto.randomUUID().slice(0, 8)}@example.com`;
