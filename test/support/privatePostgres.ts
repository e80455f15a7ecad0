import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './serverProcess.js';

// A PostgreSQL cluster of the test's own, so the test can stop the database under a running stack
// and start it again (the shared one on :5432 serves every other test and must stay up).

const BIN = '/usr/lib/postgresql/15/bin';

/** Why a private cluster cannot be started here, or undefined when it can. */
export function privatePostgresMissing(): string | undefined {
  if (!fs.existsSync(path.join(BIN, 'initdb'))) return `${BIN}/initdb is absent`;
  if (!fs.existsSync('/usr/sbin/runuser') && !fs.existsSync('/sbin/runuser')) return 'runuser is absent';
  if (process.getuid?.() !== 0) return 'runuser needs root';
  return undefined;
}

export interface PrivatePostgres {
  url: string;
  start(): void;
  /** Stops the server at once, as a crash or a lost host would (`pg_ctl stop -m immediate`). */
  stop(): void;
  destroy(): void;
}

const asPostgres = (args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });

/** initdb in a fresh folder owned by postgres, then started on a free port with its socket in that folder. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-pg-'));
  fs.chmodSync(dir, 0o755);
  execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  asPostgres([`${BIN}/initdb`, '-D', data, '-U', 'postgres', '-A', 'trust']);
  const port = await freePort();
  const ctl = (...args: string[]) => asPostgres([`${BIN}/pg_ctl`, '-D', data, ...args]);
  const pg: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () => ctl('-o', `-p ${port} -k ${dir}`, '-l', path.join(dir, 'log'), '-w', 'start'),
    stop: () => ctl('-m', 'immediate', '-w', 'stop'),
    destroy() {
      try {
        pg.stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
