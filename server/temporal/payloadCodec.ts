import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

// A CommonJS package: Node's ESM loader only offers its default export.
const { temporal } = proto;

const ENCODING = 'binary/encrypted';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b?: Uint8Array | null) => (b ? Buffer.from(b).toString('utf8') : undefined);

export interface PayloadKey {
  id: string;
  key: Buffer;
}

/**
 * Encrypts every payload that reaches Temporal (workflow inputs, events, reasons, activity
 * results) with AES-256-GCM, so histories hold no readable personal data. Payloads written
 * before encryption, or by another key still listed, decode as well.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: PayloadKey[]) {
    if (keys.length === 0) throw new Error('EncryptionCodec needs at least one key.');
    for (const k of keys) if (k.key.length !== 32) throw new Error(`Payload key "${k.id}" must be 32 bytes.`);
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys[0]!;
    return payloads.map((payload) => {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: utf8(ENCODING), 'encryption-key-id': utf8(id) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCODING) return payload;
      const keyId = text(payload.metadata?.['encryption-key-id']) ?? '';
      const key = this.byId.get(keyId);
      if (!key) throw new Error(`No payload key "${keyId}" is configured; it is needed to read this history.`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}

/** Parses `PAYLOAD_KEYS`: comma-separated `id:base64key`, the first one encrypts. */
export function parsePayloadKeys(value: string): PayloadKey[] {
  return value.split(',').map((entry) => {
    const [id, b64] = entry.trim().split(':');
    if (!id || !b64) throw new Error('PAYLOAD_KEYS must look like "k2:<base64 of 32 bytes>,k1:<…>".');
    return { id, key: Buffer.from(b64, 'base64') };
  });
}

/** The embedded default: a key generated once and kept beside the data it protects. */
export function localPayloadKeys(dataDir: string): PayloadKey[] {
  const file = path.join(dataDir, 'payload.keys');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `local1:${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return parsePayloadKeys(fs.readFileSync(file, 'utf8').trim());
}

/** The codec every client and worker of this deployment uses. */
export function payloadCodecFor(config: {
  dataDir: string;
  temporal: { embedded: boolean; payloadKeys?: string };
}): EncryptionCodec {
  if (config.temporal.payloadKeys) return new EncryptionCodec(parsePayloadKeys(config.temporal.payloadKeys));
  if (!config.temporal.embedded) {
    throw new Error(
      'PAYLOAD_KEYS is required with TEMPORAL_ADDRESS: every worker and server must share the keys that encrypt workflow payloads.',
    );
  }
  return new EncryptionCodec(localPayloadKeys(config.dataDir));
}
