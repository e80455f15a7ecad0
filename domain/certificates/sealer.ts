import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CertificateKey {
  id: string;
  key: Buffer;
}

/**
 * AES-256-GCM for the PFX files and their passwords at rest. Each sealed value is
 * `keyId.base64(iv | ciphertext | tag)`, and the row id is bound as associated data, so a
 * sealed file copied onto another row does not open.
 */
export class CertificateSealer {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: CertificateKey[]) {
    if (keys.length === 0) throw new Error('The certificate store needs at least one key.');
    for (const k of keys) if (k.key.length !== 32) throw new Error(`Certificate key "${k.id}" must be 32 bytes.`);
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  seal(plain: Buffer, rowId: string): string {
    const { id, key } = this.keys[0]!;
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(rowId));
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return `${id}.${data.toString('base64')}`;
  }

  open(sealed: string, rowId: string): Buffer {
    const dot = sealed.indexOf('.');
    const key = this.byId.get(sealed.slice(0, dot));
    if (dot < 0 || !key) throw new Error(`No certificate key "${sealed.slice(0, Math.max(dot, 0))}" is configured.`);
    const data = Buffer.from(sealed.slice(dot + 1), 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES)).setAAD(Buffer.from(rowId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  }
}

/** Parses `CERTIFICATE_KEYS`: comma-separated `id:base64key`, the first one encrypts, all decrypt. */
export function parseCertificateKeys(value: string): CertificateKey[] {
  return value.split(',').map((entry) => {
    const [id, b64] = entry.trim().split(':');
    if (!id || !b64 || id.includes('.')) {
      throw new Error('CERTIFICATE_KEYS must look like "c2:<base64 of 32 bytes>,c1:<…>".');
    }
    return { id, key: Buffer.from(b64, 'base64') };
  });
}

/**
 * The keys from configuration, or on the embedded default one generated once into the data
 * folder; then `warn` is told, since a key beside the data protects only against leaked backups
 * of the database alone.
 */
export function resolveCertificateKeys(
  configured: string | undefined,
  dataDir: string,
  warn: (message: string) => void,
): CertificateKey[] {
  if (configured) return parseCertificateKeys(configured);
  const file = path.join(dataDir, 'certificate.keys');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, `local1:${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  warn(`Certificates are encrypted with a key kept in ${file}; set CERTIFICATE_KEYS in production.`);
  return parseCertificateKeys(fs.readFileSync(file, 'utf8').trim());
}
