import crypto from 'node:crypto';
import { EncryptionCodec } from '../../server/temporal/payloadCodec.js';

/** A fixed key for tests, so recorded histories decode on any machine. Never used outside tests. */
export const testCodec = new EncryptionCodec([
  { id: 'test', key: crypto.createHash('sha256').update('vinculo test payloads').digest() },
]);
