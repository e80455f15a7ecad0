import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateSealer, resolveCertificateKeys } from '../../domain/certificates/sealer.js';
import { CertificateStore, UploadInProgress } from '../../domain/certificates/store.js';
import { createTinyCa, type TinyCa } from '../support/certificates.js';
import { createTestDb } from '../support/testDb.js';

const CNPJ = '11222333000181';
const PASSWORD = 'pfx-password-42';
type Db = Awaited<ReturnType<typeof createTestDb>>['db'];

let ca: TinyCa;
let db: Db;
let dbFile: string;
let store: CertificateStore;

async function addCompany(id: string, cnpj = CNPJ) {
  await db('offices')
    .insert({
      id: `office-${id}`,
      name: 'Office',
      cnpj: String(crypto.randomInt(1e13, 1e14)),
      createdAt: new Date().toISOString(),
    })
    .onConflict('id')
    .ignore();
  await db('companies').insert({
    id,
    officeId: `office-${id}`,
    name: 'ACME',
    cnpj,
    createdAt: new Date().toISOString(),
  });
}

/** What the database holds: the SQLite file's every byte, or on PostgreSQL every certificate row. */
async function storedBytes(): Promise<Buffer> {
  if (dbFile) return fs.readFileSync(dbFile);
  const rows = (await db('certificates').select('*')) as Array<Record<string, unknown>>;
  return Buffer.concat(
    rows.flatMap((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v))))),
  );
}

beforeAll(async () => {
  ca = createTinyCa();
  ({ db, file: dbFile } = await createTestDb());
  store = new CertificateStore(db, new CertificateSealer([{ id: 't1', key: crypto.randomBytes(32) }]));
});
afterAll(async () => {
  ca.cleanup();
  await db.destroy();
});

describe('CertificateStore', () => {
  it('keeps the PFX and its password sealed, promotes a good upload and keeps the old one in the history', async () => {
    await addCompany('c1');
    const first = ca.issue({ name: 'first', commonName: `ACME:${CNPJ}`, otherNameCnpj: CNPJ });
    const second = ca.issue({ name: 'second', commonName: `ACME:${CNPJ}`, otherNameCnpj: CNPJ });
    const pfx1 = ca.pfx({ key: first.key, certs: [first.cert], password: PASSWORD });
    const id1 = await store.addPending('c1', pfx1, PASSWORD, 'operator:ana');
    expect((await store.decide(id1)).ok).toBe(true);
    const id2 = await store.addPending(
      'c1',
      ca.pfx({ key: second.key, certs: [second.cert], password: PASSWORD }),
      PASSWORD,
      'operator:ana',
    );
    const outcome = await store.decide(id2);
    expect(outcome).toMatchObject({ ok: true, certificateId: id2 });
    expect((await store.current('c1'))?.id).toBe(id2);
    expect((await store.history('c1')).map((c) => [c.id, c.status])).toEqual([
      [id2, 'current'],
      [id1, 'replaced'],
    ]);
    // The replaced certificate is still there, sealed, and opens to the same bytes.
    expect((await store.openPfx(id1))?.pfx.equals(pfx1)).toBe(true);
    const raw = await storedBytes();
    expect(raw.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(raw.includes(pfx1.subarray(100, 132))).toBe(false);
    expect(raw.toString('latin1')).not.toContain(pfx1.toString('base64').slice(40, 80));
  });

  it('rejects with the reason, erases the refused secrets and leaves the current certificate alone', async () => {
    await addCompany('c2');
    const good = ca.issue({ name: 'good2', commonName: `ACME:${CNPJ}`, otherNameCnpj: CNPJ });
    const ok = await store.addPending(
      'c2',
      ca.pfx({ key: good.key, certs: [good.cert], password: PASSWORD }),
      PASSWORD,
      'u',
    );
    await store.decide(ok);
    const bad = await store.addPending(
      'c2',
      ca.pfx({ key: good.key, certs: [good.cert], password: PASSWORD }),
      'wrong',
      'u',
    );
    expect(await store.decide(bad)).toMatchObject({ ok: false, code: 'wrong_password' });
    expect((await store.current('c2'))?.id).toBe(ok);
    expect(await store.openPfx(bad)).toBeUndefined();
    expect((await store.get(bad))?.failureCode).toBe('wrong_password');
  });

  it('refuses a second upload while one is pending, and nothing is stored', async () => {
    await addCompany('c3');
    const pfx = Buffer.from('whatever');
    await store.addPending('c3', pfx, PASSWORD, 'u');
    await expect(store.addPending('c3', pfx, PASSWORD, 'u')).rejects.toBeInstanceOf(UploadInProgress);
    expect(await store.history('c3')).toHaveLength(1);
  });

  it('a sealed value copied onto another row does not open', async () => {
    const sealer = new CertificateSealer([{ id: 'k', key: crypto.randomBytes(32) }]);
    const sealed = sealer.seal(Buffer.from('pfx bytes'), 'row-a');
    expect(sealer.open(sealed, 'row-a').toString()).toBe('pfx bytes');
    expect(() => sealer.open(sealed, 'row-b')).toThrow();
  });

  it('generates the key once into the data folder with a warning when none is configured', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-keys-'));
    const warnings: string[] = [];
    const first = resolveCertificateKeys(undefined, dir, (m) => warnings.push(m));
    const again = resolveCertificateKeys(undefined, dir, (m) => warnings.push(m));
    expect(first[0]!.key.equals(again[0]!.key)).toBe(true);
    expect(first[0]!.key).toHaveLength(32);
    expect(fs.statSync(path.join(dir, 'certificate.keys')).mode & 0o077).toBe(0);
    expect(warnings[0]).toContain('CERTIFICATE_KEYS');
    const configured = resolveCertificateKeys(`c9:${crypto.randomBytes(32).toString('base64')}`, dir, (m) =>
      warnings.push(m),
    );
    expect(configured[0]!.id).toBe('c9');
    expect(warnings).toHaveLength(2);
    fs.rmSync(dir, { recursive: true });
  });
});
