import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freePort } from '../support/serverProcess.js';
import { uniqueId } from '../support/stack.js';

// Start-up with a wrong setting: the process exits 1 at once with a message naming the setting and
// the fix, and never reaches the point where it listens or polls.

const mainScript = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

async function start(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-startup-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript, 'server'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      HTTP_PORT: String(port),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TOKEN_SECRET: 'a'.repeat(40),
      PAYLOAD_KEYS: `k:${Buffer.alloc(32, 1).toString('base64')}`,
      STARTUP_CHECK_SECONDS: '3',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, out, seconds: (Date.now() - started) / 1000 };
}

const expectRefused = (r: Awaited<ReturnType<typeof start>>, ...phrases: string[]) => {
  expect(r.code, r.out).toBe(1);
  for (const phrase of phrases) expect(r.out).toContain(phrase);
  expect(r.out).not.toContain('HTTP server on');
  expect(r.seconds).toBeLessThan(30);
};

describe('start-up fails fast on a wrong setting', () => {
  const pem = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-tls-'));
  const notPem = path.join(pem, 'ca.txt');
  fs.writeFileSync(notPem, 'this is not a certificate');
  let bareNamespace: string;

  beforeAll(async () => {
    // A namespace that exists without Vinculo's search attributes.
    bareNamespace = uniqueId('bare');
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    await connection.workflowService.registerNamespace({
      namespace: bareNamespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await connection.operatorService.listSearchAttributes({ namespace: bareNamespace });
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await connection.close();
  });

  it('names DATABASE_URL when PostgreSQL does not answer', async () => {
    const port = await freePort();
    const r = await start({ DATABASE_URL: `postgres://vinculo:secret@127.0.0.1:${port}/vinculo` });
    expectRefused(r, 'DATABASE_URL is postgres://vinculo:***@127.0.0.1', 'Start PostgreSQL, or correct DATABASE_URL');
    expect(r.out).not.toContain('secret');
  });

  it('names TEMPORAL_ADDRESS when no Temporal server answers there', async () => {
    const port = await freePort();
    const r = await start({ TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    expectRefused(r, `TEMPORAL_ADDRESS is 127.0.0.1:${port}, where no Temporal server answered`);
  });

  it('names the TLS file that cannot be read or is not PEM', async () => {
    const missing = await start({
      TEMPORAL_TLS_CERT: path.join(pem, 'absent.crt'),
      TEMPORAL_TLS_KEY: path.join(pem, 'absent.key'),
    });
    expectRefused(missing, 'TEMPORAL_TLS_CERT is', 'cannot be read (ENOENT)');
    const wrong = await start({ TEMPORAL_TLS: 'true', TEMPORAL_TLS_CA: notPem });
    expectRefused(wrong, `TEMPORAL_TLS_CA is ${notPem}, which does not hold the server's CA certificate`);
  });

  it('names TEMPORAL_NAMESPACE when the namespace does not exist', async () => {
    const r = await start({ TEMPORAL_NAMESPACE: 'no-such-namespace' });
    expectRefused(
      r,
      'TEMPORAL_NAMESPACE is "no-such-namespace", which does not exist',
      'temporal operator namespace create',
    );
  });

  it('names the search attributes the namespace lacks, with the commands that register them', async () => {
    const r = await start({ TEMPORAL_NAMESPACE: bareNamespace });
    expectRefused(
      r,
      `The Temporal namespace "${bareNamespace}"`,
      'VinculoMachine, VinculoMachineVersion, VinculoState, VinculoEntity',
      `temporal operator search-attribute create --namespace ${bareNamespace} --name VinculoMachine --type Keyword`,
    );
  });
});
