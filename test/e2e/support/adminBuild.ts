import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../server/config.js';

/** Where the built console lives; the express app serves it under /admin/. */
export const adminDist = path.join(projectRoot, 'admin', 'dist');

// Under .cache/ (ignored by git), so a lock left by a killed run is not committed by accident.
const lockDir = path.join(projectRoot, '.cache', 'admin-build.lock');

function newest(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(target).map((name) => newest(path.join(target, name))));
}

/** The same staleness rule as scripts/ensureAdmin.ts: the build is older than any console source. */
function isStale(): boolean {
  const built = path.join(adminDist, 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = ['admin/src', 'admin/index.html', 'admin/vite.config.ts', 'package-lock.json'].map((p) =>
    path.join(projectRoot, p),
  );
  return Math.max(...sources.filter((p) => fs.existsSync(p)).map(newest)) > fs.statSync(built).mtimeMs;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `npm test` builds the console before vitest starts; a direct `npx vitest run test/e2e` may find
 * it missing or stale. Then one test file builds it (scripts/ensureAdmin.ts) while the others,
 * running in parallel, wait for the lock: two vite builds into one folder would corrupt it.
 */
export async function ensureAdminBuilt(timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isStale()) {
    let locked = false;
    try {
      fs.mkdirSync(path.dirname(lockDir), { recursive: true });
      fs.mkdirSync(lockDir);
      locked = true;
    } catch {
      if (Date.now() > deadline)
        throw new Error(
          `Waited ${timeoutMs / 1000} s for another process to build the console; remove ${lockDir} if it is left over.`,
        );
      await sleep(500);
      continue;
    }
    try {
      if (!isStale()) return;
      const result = spawnSync('npx', ['tsx', 'scripts/ensureAdmin.ts'], { cwd: projectRoot, stdio: 'inherit' });
      if (result.status !== 0)
        throw new Error(
          'Building the console failed; run `npx tsx scripts/ensureAdmin.ts` to see why (npm test runs it first).',
        );
    } finally {
      if (locked) fs.rmSync(lockDir, { recursive: true, force: true });
    }
  }
}
