import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/globalSetup.js';
import { projectRoot } from '../../server/config.js';

const graceSeconds = 4;
let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
});

/** A real server process (`npm run server`'s command, or npm itself) on its own port and data folder. */
async function startServer(command: string[]) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-shutdown-'));
  const proc = spawn(command[0]!, command.slice(1), {
    cwd: projectRoot,
    detached: true, // its own process group, as a terminal's foreground job
    env: {
      ...process.env,
      HTTP_PORT: String(port),
      DATA_DIR: dataDir,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: `shutdown-${crypto.randomUUID()}`,
      PAYLOAD_KEYS: `test:${crypto.randomBytes(32).toString('base64')}`,
      TOKEN_SECRET: crypto.randomBytes(32).toString('hex'),
      SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 150_000; // npm run server may build the console first
  while (!output.includes('HTTP server on')) {
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, port, exited, output: () => output };
}

type Outcome = { status: number; connection?: string; complete: boolean } | { refused: string };

/** Sends health checks one after another on one keep-alive connection until told to stop. */
function keepSending(port: number, stop: { now: boolean }, outcomes: Outcome[]): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<void>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => {
          const complete = res.complete && body.length === Number(res.headers['content-length'] ?? body.length);
          outcomes.push({ status: res.statusCode ?? 0, connection: res.headers.connection, complete });
          resolve();
        });
        res.on('error', () => {
          outcomes.push({ status: res.statusCode ?? 0, complete: false });
          resolve();
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        outcomes.push({ refused: err.code ?? err.message });
        resolve();
      });
    });
  return (async () => {
    while (!stop.now) await once();
    agent.destroy();
  })();
}

/** A request whose body arrives slowly, so it is in flight when the signal comes. */
function slowRequest(port: number, sendRestAfterMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password' });
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
      );
      setTimeout(() => socket.write(body.slice(10)), sendRestAfterMs);
    });
    let answer = '';
    socket.on('data', (d) => (answer += d));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

async function signalWhileBusy(port: number, signal: () => void) {
  const stop = { now: false };
  const outcomes: Outcome[] = [];
  const sending = keepSending(port, stop, outcomes);
  await new Promise((r) => setTimeout(r, 500));
  const slow = slowRequest(port, 1500);
  await new Promise((r) => setTimeout(r, 200));
  const before = outcomes.length;
  const signalledAt = Date.now();
  signal();
  const slowAnswer = await slow;
  await new Promise((r) => setTimeout(r, 300));
  stop.now = true;
  await sending;
  return { outcomes, before, signalledAt, slowAnswer };
}

describe('shutdown', () => {
  it('after SIGTERM finishes what is in flight, refuses what comes later, and exits 0 within the bound', async () => {
    const { proc, port, exited } = await startServer([process.execPath, '--import', 'tsx', 'server/main.ts', 'server']);
    const run = await signalWhileBusy(port, () => proc.kill('SIGTERM'));
    const code = await exited;
    const seconds = (Date.now() - run.signalledAt) / 1000;

    expect(code).toBe(0);
    expect(seconds).toBeLessThan(graceSeconds + 3);
    // The slow request began before the signal and got its whole answer, marked to close.
    expect(run.slowAnswer).toMatch(/^HTTP\/1\.1 (401|429) /);
    expect(run.slowAnswer.toLowerCase()).toContain('connection: close');
    // Every request on the busy keep-alive connection either completed or never started.
    expect(run.before).toBeGreaterThan(0);
    for (const o of run.outcomes) {
      if ('refused' in o) expect(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']).toContain(o.refused);
      else expect(o).toMatchObject({ complete: true });
    }
    expect(run.outcomes.some((o) => 'refused' in o)).toBe(true);
  }, 90_000);

  it('under npm run server, a Ctrl-C to the whole process group is honoured once, in order', async () => {
    const { proc, port, exited, output } = await startServer(['npm', 'run', '--silent', 'server']);
    // A terminal's Ctrl-C reaches every process of the group: npm, and the server npm also forwards it to.
    const run = await signalWhileBusy(port, () => process.kill(-proc.pid!, 'SIGINT'));
    const code = await exited;
    expect(code, output()).toBe(0);
    expect((Date.now() - run.signalledAt) / 1000).toBeLessThan(graceSeconds + 3);
    expect(run.slowAnswer).toMatch(/^HTTP\/1\.1 (401|429) /);
    for (const o of run.outcomes) if (!('refused' in o)) expect(o).toMatchObject({ complete: true });
    expect(output().match(/received: stopping/g)).toHaveLength(1);
  }, 240_000);
});
