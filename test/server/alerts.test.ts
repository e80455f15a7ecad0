import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertDefaults, type AlertSettings } from '../../domain/alerts/settings.js';
import { signBody } from '../../domain/alerts/webhook.js';
import { AlertWatcher } from '../../domain/alerts/watcher.js';
import { startMailCatcher, type MailCatcher } from '../support/mailCatcher.js';
import { loginAs, type LoggedIn } from '../support/operators.js';
import { eventually, startStack, uniqueId, type Stack } from '../support/stack.js';

const secret = 'alert webhook test secret';
const publicUrl = 'http://console.test';

interface Received {
  body: string;
  validSignature: boolean;
}

/** A real HTTP receiver that checks each call's HMAC the way a subscriber would. */
async function startReceiver(): Promise<{ url: string; calls: Received[]; stop: () => Promise<void> }> {
  const calls: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      calls.push({ body, validSignature: req.headers['x-vinculo-signature'] === signBody(secret, body) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, calls, stop: () => new Promise((r) => server.close(() => r())) };
}

/** Accepts connections and never answers: a webhook that hangs. */
async function startSilentServer(): Promise<{ url: string; connections: number[]; stop: () => Promise<void> }> {
  const connections: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.push(Date.now());
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    connections,
    stop: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

let stack: Stack;
let smtp: MailCatcher;
let admin: LoggedIn;
beforeAll(async () => {
  [stack, smtp] = await Promise.all([startStack(), startMailCatcher()]);
  admin = await loginAs(stack.app, stack.db, 'admin');
});
afterAll(async () => {
  await stack?.stop();
  await smtp?.stop();
});

const settings = (o: Partial<AlertSettings>): AlertSettings => ({
  ...alertDefaults,
  digestTo: [],
  digestHour: 0,
  pollMs: 100,
  webhookTimeoutMs: 300,
  webhookRetryMs: 200,
  webhookMaxDelayMs: 1_600,
  ...o,
});

/** A process whose work fails for good: it rests in a state tagged "stuck". */
async function stuckProcess(): Promise<string> {
  const res = await admin.agent
    .post('/api/instances')
    .send({ machine: 'taskProbe', input: { key: uniqueId('alert'), mode: 'fail', workMs: 0 } });
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  await eventually(async () => expect(Boolean((await stack.db('instances').where({ id }).first())?.stuck)).toBe(true));
  return id;
}

const mail = () => ({ smtpUrl: smtp.url, from: 'vinculo@test.local', publicUrl });

describe('alerts of stuck processes', () => {
  it('a stuck process gives one alert, one digest mail with its link and one signed webhook call', async () => {
    const receiver = await startReceiver();
    const ops = `ops.${uniqueId('digest')}@example.com`;
    const watcher = new AlertWatcher({
      db: stack.db,
      settings: settings({ digestTo: [ops], webhookUrl: receiver.url, webhookSecret: secret }),
      mail: mail(),
      log: () => {},
    });
    watcher.start();
    try {
      const id = await stuckProcess();
      await eventually(() => expect(receiver.calls.length).toBeGreaterThanOrEqual(1));
      await eventually(() => expect(smtp.to(ops)).toHaveLength(1));
      // More rounds change nothing: the same alert is neither mailed nor called again.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(smtp.to(ops)).toHaveLength(1);
      expect(receiver.calls).toHaveLength(1);
      expect(receiver.calls[0]!.validSignature).toBe(true);
      expect(JSON.parse(receiver.calls[0]!.body)).toMatchObject({
        kind: 'stuck',
        instanceId: id,
        machine: 'taskProbe',
        state: 'failed',
        link: `${publicUrl}/admin/#/instances/${encodeURIComponent(id)}/show`,
      });
      expect(smtp.to(ops)[0]!.text).toContain(`${publicUrl}/admin/#/instances/${encodeURIComponent(id)}/show`);
      expect(await stack.db('alerts').where({ instanceId: id })).toMatchObject([
        { kind: 'stuck', webhookStatus: 'sent', webhookAttempts: 1 },
      ]);
      const count = await admin.agent.get('/api/alerts/count');
      expect(count.body.unacknowledgedStuck).toBeGreaterThanOrEqual(1);
    } finally {
      await watcher.stop();
      await receiver.stop();
    }
  });

  it('retries a webhook that does not answer with growing delays, without holding the process', async () => {
    const silent = await startSilentServer();
    const ops = `ops.${uniqueId('silent')}@example.com`;
    const watcher = new AlertWatcher({
      db: stack.db,
      settings: settings({ digestTo: [ops], webhookUrl: silent.url, webhookSecret: secret }),
      mail: mail(),
      log: () => {},
    });
    // Alerts of the first test are not this one's business.
    await stack.db('alerts').update({ webhookStatus: 'off', webhookNextAt: null });
    watcher.start();
    try {
      const id = await stuckProcess();
      await eventually(async () =>
        expect((await stack.db('alerts').where({ instanceId: id }).first())?.webhookAttempts).toBeGreaterThanOrEqual(3),
      );
      // The gaps between calls grow (200 ms, 400 ms, 800 ms after each 300 ms time-out).
      const gaps = silent.connections.slice(1).map((t, i) => t - silent.connections[i]!);
      expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
      // Meanwhile the process takes an operator's event at once: nothing waits on the webhook.
      const retry = await admin.agent
        .post(`/api/instances/${encodeURIComponent(id)}/events`)
        .send({ type: 'ABANDON', reason: 'tested the alert' });
      expect(retry.status).toBe(200);
      await eventually(async () =>
        expect(await stack.db('instances').where({ id }).first()).toMatchObject({ state: 'abandoned' }),
      );

      // Acknowledged: no more calls for it.
      const alert = await stack.db('alerts').where({ instanceId: id }).first();
      const ack = await admin.agent.post(`/api/alerts/${alert.id}/ack`).send({ reason: 'known, being handled' });
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({ webhookStatus: 'skipped' });
      const calls = silent.connections.length;
      await new Promise((r) => setTimeout(r, 1_500));
      expect(silent.connections.length).toBe(calls);
      expect(await stack.db('audit').where({ action: 'alerts.acknowledge' })).toMatchObject([
        { reason: 'known, being handled', target: `instances:${id}` },
      ]);
      const again = await admin.agent.post(`/api/alerts/${alert.id}/ack`).send({ reason: 'twice' });
      expect(again.status).toBe(409);
    } finally {
      await watcher.stop();
      await silent.stop();
    }
  });

  it('leaves acknowledged alerts out of the digest and the webhook', async () => {
    const receiver = await startReceiver();
    const ops = `ops.${uniqueId('acked')}@example.com`;
    // The digest of a day already sent: the next one is for tomorrow.
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const watcher = new AlertWatcher({
      db: stack.db,
      settings: settings({ digestTo: [ops], webhookUrl: receiver.url, webhookSecret: secret }),
      mail: mail(),
      now: () => tomorrow,
      log: () => {},
    });
    const id = await stuckProcess();
    await stack.db('alerts').update({ webhookStatus: 'off', webhookNextAt: null });
    // One round without sending: raise only, then acknowledge before the next round.
    const { raiseAndClear } = await import('../../domain/alerts/raise.js');
    await raiseAndClear(stack.db, { now: tomorrow, webhook: true });
    const alert = await stack.db('alerts').where({ instanceId: id }).whereNull('clearedAt').first();
    expect(alert.webhookStatus).toBe('pending');
    const ack = await admin.agent.post(`/api/alerts/${alert.id}/ack`).send({ reason: 'seen on the dashboard' });
    expect(ack.status).toBe(200);
    await watcher.tick();
    await watcher.tick();
    expect(receiver.calls).toHaveLength(0);
    expect(smtp.to(ops)).toHaveLength(0);
    await receiver.stop();
  });
});
