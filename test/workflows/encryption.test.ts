import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterEach, beforeEach, describe, expect, it, inject } from 'vitest';
import { eventually, startStack, uniqueId, type Stack } from '../support/stack.js';

let stack: Stack;

/** Every payload field of a history in Temporal's JSON (base64 `data` and metadata values), decoded as text. */
function payloadTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => payloadTexts(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'data' && typeof v === 'string') out.push(Buffer.from(v, 'base64').toString('utf8'));
      else if (key === 'metadata' && v && typeof v === 'object')
        Object.values(v).forEach((m) => out.push(Buffer.from(String(m), 'base64').toString('utf8')));
      else payloadTexts(v, out);
    }
  }
  return out;
}
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  await stack.stop();
});

describe('payload encryption', () => {
  it('keeps reasons and event payloads unreadable in Temporal, and readable through the API', async () => {
    const reason = `called Maria Souza, CPF 529.982.247-25 (${uniqueId('r')})`;
    const { instanceId } = await stack.instances.start({
      machine: 'timerProbe',
      input: { key: uniqueId('enc'), remindAfterMs: 10, expireAfterMs: 60_000 },
      actor: 'operator:o1',
      reason,
    });
    await eventually(async () => expect((await stack.instances.snapshot(instanceId)).state).toBe('reminded'));
    await stack.instances.send(instanceId, {
      event: { type: 'EXTEND', extraMs: 424_242 },
      actor: 'operator:o1',
      reason,
    });

    // What Temporal stores, read by a client that has no key.
    const keyless = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
    try {
      const stored = historyToJSON(await keyless.workflow.getHandle(instanceId).fetchHistory());
      const storedText = Buffer.from(stored).toString('utf8');
      const decodedBase64 = payloadTexts(JSON.parse(stored)).join('\n');
      for (const secret of ['Maria Souza', '529.982.247-25', '424242']) {
        expect(storedText).not.toContain(secret);
        expect(decodedBase64).not.toContain(secret);
      }
      expect(decodedBase64).toContain('binary/encrypted');
    } finally {
      await keyless.connection.close();
    }

    const readable = payloadTexts(await stack.instances.history(instanceId)).join('\n');
    expect(readable).toContain('Maria Souza');
    expect(readable).toContain('424242');
    expect(readable).not.toContain('binary/encrypted');
  });
});
