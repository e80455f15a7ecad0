// Builds the console when its sources are newer than the last build, so `npm start` and
// `npm test` always serve the current console without paying for a build every time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const admin = path.join(root, 'admin');
const built = path.join(admin, 'dist', 'index.html');

function newest(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(target).map((name) => newest(path.join(target, name))));
}

const sources = [
  path.join(admin, 'src'),
  path.join(admin, 'index.html'),
  path.join(admin, 'vite.config.ts'),
  path.join(root, 'package-lock.json'),
];
const stale =
  !fs.existsSync(built) || Math.max(...sources.filter(fs.existsSync).map(newest)) > fs.statSync(built).mtimeMs;
if (stale) {
  console.log('Building the console (admin/dist)…');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'admin/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
