import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateRejected, type CertificateFailureCode } from '../../domain/certificates/failures.js';
import { validatePfx } from '../../domain/certificates/validate.js';
import { createTinyCa, type TinyCa } from '../support/certificates.js';

const CNPJ = '11222333000181';
const OTHER_CNPJ = '11444777000161';
const PASSWORD = 'correct horse';
const day = 86_400_000;

let ca: TinyCa;
let valid: { cert: string; key: string };
let cnOnly: { cert: string; key: string };

beforeAll(() => {
  ca = createTinyCa();
  valid = ca.issue({ name: 'valid', commonName: `ACME LTDA:${CNPJ}`, otherNameCnpj: CNPJ });
  cnOnly = ca.issue({ name: 'cn-only', commonName: `ACME LTDA:${CNPJ}` });
});
afterAll(() => ca.cleanup());

function refusal(bytes: Buffer, password: string, cnpj = CNPJ): CertificateFailureCode | 'accepted' {
  try {
    validatePfx(bytes, password, cnpj);
    return 'accepted';
  } catch (err) {
    if (err instanceof CertificateRejected) return err.code;
    throw err;
  }
}

describe('validatePfx with certificates made by openssl at test time', () => {
  it('accepts an OpenSSL 3 default PFX (PBES2, AES-256, SHA-256 MAC) and summarises it', () => {
    const pfx = ca.pfx({ key: valid.key, certs: [valid.cert], password: PASSWORD });
    const summary = validatePfx(pfx, PASSWORD, '11.222.333/0001-81');
    expect(summary.cnpj).toBe(CNPJ);
    expect(summary.cnpjSource).toBe('otherName');
    expect(summary.subject).toContain(`CN=ACME LTDA:${CNPJ}`);
    expect(summary.issuer).toContain('CN=Tiny Test CA');
    expect(summary.serialNumber).toMatch(/^[0-9A-F]+$/);
    expect(new Date(summary.validUntil).getTime()).toBeGreaterThan(Date.now() + 300 * day);
    expect(summary.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('accepts legacy PFX files: 3DES with a SHA-1 MAC, and RC2-40 (openssl -legacy)', () => {
    for (const format of ['legacy3des', 'legacyRc2'] as const) {
      const pfx = ca.pfx({ key: valid.key, certs: [valid.cert, `${ca.dir}/ca.pem`], password: PASSWORD, format });
      expect(validatePfx(pfx, PASSWORD, CNPJ).cnpj).toBe(CNPJ);
    }
  });

  it('reads the CNPJ after the colon of the CN when the otherName is absent', () => {
    const pfx = ca.pfx({ key: cnOnly.key, certs: [cnOnly.cert], password: PASSWORD });
    const summary = validatePfx(pfx, PASSWORD, CNPJ);
    expect(summary.cnpjSource).toBe('commonName');
  });

  it('prefers the otherName over the CN when they differ', () => {
    const both = ca.issue({ name: 'both', commonName: `ACME LTDA:${OTHER_CNPJ}`, otherNameCnpj: CNPJ });
    const pfx = ca.pfx({ key: both.key, certs: [both.cert], password: PASSWORD });
    expect(refusal(pfx, PASSWORD, CNPJ)).toBe('accepted');
    expect(refusal(pfx, PASSWORD, OTHER_CNPJ)).toBe('cnpj_mismatch');
  });

  it('gives each broken file its own code', () => {
    const good = ca.pfx({ key: valid.key, certs: [valid.cert], password: PASSWORD });
    const expired = ca.issue({
      name: 'expired',
      commonName: `ACME:${CNPJ}`,
      otherNameCnpj: CNPJ,
      startDate: new Date(Date.now() - 400 * day),
      endDate: new Date(Date.now() - day),
    });
    const future = ca.issue({
      name: 'future',
      commonName: `ACME:${CNPJ}`,
      otherNameCnpj: CNPJ,
      startDate: new Date(Date.now() + 10 * day),
      endDate: new Date(Date.now() + 400 * day),
    });
    const other = ca.issue({ name: 'other', commonName: `OTHER:${OTHER_CNPJ}`, otherNameCnpj: OTHER_CNPJ });
    const noCnpj = ca.issue({ name: 'no-cnpj', commonName: 'ACME LTDA' });
    const pfx = (p: { cert: string; key: string }) => ca.pfx({ key: p.key, certs: [p.cert], password: PASSWORD });
    const cases: Array<[string, Buffer, string, CertificateFailureCode]> = [
      ['expired', pfx(expired), PASSWORD, 'expired'],
      ['not yet valid', pfx(future), PASSWORD, 'not_yet_valid'],
      ['wrong CNPJ', pfx(other), PASSWORD, 'cnpj_mismatch'],
      ['no CNPJ at all', pfx(noCnpj), PASSWORD, 'cnpj_missing'],
      ['wrong password', good, 'not the password', 'wrong_password'],
      ['empty password', good, '', 'password_required'],
      [
        'key of another certificate',
        ca.pfx({ key: other.key, certs: [], loose: valid.cert, password: PASSWORD }),
        PASSWORD,
        'key_mismatch',
      ],
      ['certificate without key', ca.pfx({ certs: [valid.cert], password: PASSWORD }), PASSWORD, 'no_private_key'],
      [
        'key without certificate',
        ca.pfx({ key: valid.key, certs: [], password: PASSWORD }),
        PASSWORD,
        'no_certificate',
      ],
      ['truncated file', good.subarray(0, Math.floor(good.length / 2)), PASSWORD, 'truncated_file'],
      ['PEM renamed .pfx', fs.readFileSync(valid.cert), PASSWORD, 'pem_not_pfx'],
      [
        'random bytes',
        Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)),
        PASSWORD,
        'not_pkcs12',
      ],
      ['a DER certificate, not a PFX', derOf(valid.cert), PASSWORD, 'not_pkcs12'],
      ['empty file', Buffer.alloc(0), PASSWORD, 'empty_file'],
    ];
    const got = cases.map(([name, bytes, password]) => [name, refusal(bytes, password)]);
    expect(got).toEqual(cases.map(([name, , , code]) => [name, code]));
  });

  it('never quotes the password in a refusal', () => {
    const good = ca.pfx({ key: valid.key, certs: [valid.cert], password: PASSWORD });
    const secret = 'hunter2-secret';
    try {
      validatePfx(good, secret, CNPJ);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain(secret);
    }
  });
});

function derOf(pemFile: string): Buffer {
  const pem = fs.readFileSync(pemFile, 'utf8');
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}
