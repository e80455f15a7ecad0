import type { Payload, PayloadCodec } from '@temporalio/common';

type Json = unknown;
const b64 = (s: string) => Buffer.from(s, 'base64');

function isPayloadJson(v: Json): v is { metadata: Record<string, string>; data?: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    'metadata' in v &&
    typeof (v as { metadata: unknown }).metadata === 'object'
  );
}

/**
 * Decrypts every payload inside a history in Temporal's JSON form (base64 fields), leaving the
 * shape as Temporal writes it, so the result reads like an unencrypted history.
 */
export async function decodeHistoryPayloads(json: Json, codec: PayloadCodec): Promise<Json> {
  if (Array.isArray(json)) return Promise.all(json.map((item) => decodeHistoryPayloads(item, codec)));
  if (typeof json !== 'object' || json === null) return json;
  if (isPayloadJson(json)) {
    const payload: Payload = {
      metadata: Object.fromEntries(Object.entries(json.metadata).map(([k, v]) => [k, b64(v)])),
      data: json.data === undefined ? undefined : b64(json.data),
    };
    const [decoded] = await codec.decode([payload]);
    return {
      metadata: Object.fromEntries(
        Object.entries(decoded?.metadata ?? {}).map(([k, v]) => [
          k,
          Buffer.from(v ?? new Uint8Array()).toString('base64'),
        ]),
      ),
      data: decoded?.data ? Buffer.from(decoded.data).toString('base64') : undefined,
    };
  }
  const entries = await Promise.all(
    Object.entries(json).map(async ([k, v]) => [k, await decodeHistoryPayloads(v, codec)] as const),
  );
  return Object.fromEntries(entries);
}
