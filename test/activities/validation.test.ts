import { describe, expect, it } from 'vitest';
import {
  cnpjSchema,
  emailSchema,
  isUndeliverable,
  isValidCnpj,
  isValidCpf,
  isValidEmail,
  normalizeEmail,
  placeholderEmailFor,
} from '../../domain/directory/validation.js';

describe('directory validation', () => {
  it('accepts CNPJs whose check digits match, with or without punctuation', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(cnpjSchema.parse('11.222.333/0001-81')).toBe('11222333000181');
  });
  it('refuses CNPJs with wrong check digits, wrong length or all-equal digits', () => {
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
    expect(isValidCnpj('1122233300018')).toBe(false);
    expect(isValidCnpj('00000000000000')).toBe(false);
  });
  it('checks CPF check digits', () => {
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('529.982.247-24')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
  });
  it('normalises e-mails before comparing and refuses malformed ones', () => {
    expect(normalizeEmail('  Ana.Souza@Example.COM ')).toBe('ana.souza@example.com');
    expect(emailSchema.parse(' Ana@Example.com')).toBe('ana@example.com');
    for (const bad of [
      'ana',
      'ana@',
      '@example.com',
      'ana@example',
      'a b@example.com',
      'ana..s@example.com',
      `${'a'.repeat(65)}@example.com`,
    ]) {
      expect(isValidEmail(bad), bad).toBe(false);
    }
  });
  it('places placeholders under the reserved .invalid domain, which is never delivered', () => {
    const placeholder = placeholderEmailFor('123');
    expect(placeholder.endsWith('.invalid')).toBe(true);
    expect(isValidEmail(placeholder)).toBe(true);
    expect(isUndeliverable(placeholder)).toBe(true);
    expect(isUndeliverable('ana@invalid.com.br')).toBe(false);
  });
});
