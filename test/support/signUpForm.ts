import { randomCnpj, randomEmail } from './randomIds.js';

/** What a client fills in on a hiring link's sign-up page: a new company, its admin and a password. */
export const signUpForm = (token: string, over: Record<string, string> = {}) => ({
  token,
  companyName: 'Padaria Pão Quente',
  cnpj: randomCnpj(),
  contactName: 'Joana',
  adminEmail: randomEmail('joana'),
  password: 'correct horse battery',
  ...over,
});
