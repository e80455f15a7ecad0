import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, freePort, startServerProcess } from '../support/serverProcess.js';
import { uniqueId } from '../support/stack.js';

// The real server process with METRICS_TOKEN and LOG_FORMAT=json: /metrics answers only the token,
// with the named series; /api/ready checks the database and Temporal; each request is one JSON log
// line under its request id, without what the request carried.

const token = crypto.randomBytes(24).toString('hex');
let server: ChildProcess;
let base: string;
let output = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await startServerProcess({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-metrics-')),
    port,
    taskQueue: uniqueId('tq'),
    tokenSecret: crypto.randomBytes(32).toString('hex'),
    smtpUrl: '',
    env: { METRICS_TOKEN: token, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
  });
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
});
afterAll(async () => {
  server?.kill('SIGTERM');
  if (server) await exited(server);
});

describe('operating the server', () => {
  it('is ready once the database and Temporal answer', async () => {
    const res = await fetch(`${base}/api/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, database: 'ok', temporal: 'ok' });
  });

  it('serves Prometheus metrics to the token only, with the named series', async () => {
    await fetch(`${base}/api/health`);
    await fetch(`${base}/api/instances/some-id`); // 401: a route with a parameter, by its declared path
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /vinculo_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} \d+/,
    );
    expect(text).not.toContain('some-id');
    for (const series of [
      'vinculo_outbox_backlog 0',
      'vinculo_outbox_failures 0',
      'vinculo_queued_events_pending 0',
      'vinculo_queued_events_oldest_seconds 0',
      'vinculo_processes_stuck 0',
      '# TYPE vinculo_processes gauge',
      'vinculo_process_cpu_seconds_total',
    ])
      expect(text).toContain(series);
  });

  it('logs each request as one JSON line under its request id, without the body', async () => {
    const email = `${uniqueId('who')}@example.com`;
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-metrics-1' },
      body: JSON.stringify({ email, password: 'not the password' }),
    });
    expect(res.headers.get('x-request-id')).toBe('req-metrics-1');
    await new Promise((r) => setTimeout(r, 200));
    const lines = output
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.requestId === 'req-metrics-1')).toMatchObject({
      level: 'info',
      event: 'http request',
      method: 'POST',
      route: '/api/auth/login',
      status: res.status,
    });
    expect(output).not.toContain(email);
  });
});
