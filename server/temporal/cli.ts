import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';

/** The only release `go install` accepts (later ones carry a replace directive). */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
export const cachedCliDir = path.join(projectRoot, '.cache', 'temporal-cli');

export type CliSource = 'env' | 'path' | 'cache' | 'built';
export interface FoundCli {
  path: string;
  source: CliSource;
}

export const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** Looks for a Temporal CLI without building anything: TEMPORAL_CLI, then PATH, then the project cache. */
export function findTemporalCli(explicit?: string): FoundCli | undefined {
  if (explicit) {
    if (!isExecutable(explicit))
      throw new Error(`TEMPORAL_CLI points to ${explicit}, which is not an executable file.`);
    return { path: explicit, source: 'env' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { path: fromPath, source: 'path' };
  const cached = path.join(cachedCliDir, 'temporal');
  if (isExecutable(cached)) return { path: cached, source: 'cache' };
  return undefined;
}

export const goAvailable = () => spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;

/**
 * Runs `go install` for the modules into `gobin`. It takes minutes the first time, so every
 * download Go reports is passed on, with a heartbeat while Go compiles silently.
 */
export async function goInstall(
  what: string,
  modules: string[],
  gobin: string,
  log: (line: string) => void = (l) => console.log(l),
): Promise<void> {
  fs.mkdirSync(gobin, { recursive: true });
  log(`Building ${what} (${modules.join(' ')}) with Go into ${gobin}; the first build takes a few minutes.`);
  const started = Date.now();
  const child = spawn('go', ['install', '-v', ...modules], {
    env: { ...process.env, GOBIN: gobin, GOFLAGS: process.env.GOFLAGS ?? '-mod=mod' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let packages = 0;
  let tail: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      tail = [...tail.slice(-20), line];
      if (line.startsWith('go: downloading')) log(`  ${line}`);
      else packages += 1;
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const heartbeat = setInterval(() => {
    log(`  still building: ${Math.round((Date.now() - started) / 1000)} s, ${packages} packages compiled`);
  }, 15_000);
  const code: number | null = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(heartbeat);
  if (code !== 0) throw new Error(`Building ${what} failed (exit ${code}):\n${tail.join('\n')}`);
  log(`${what} built in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/** Builds the CLI with Go into the project cache. */
export async function buildTemporalCli(log?: (line: string) => void): Promise<FoundCli> {
  await goInstall('the Temporal CLI', [TEMPORAL_CLI_MODULE], cachedCliDir, log);
  const built = path.join(cachedCliDir, 'temporal');
  if (!isExecutable(built)) throw new Error(`Building the Temporal CLI left no executable at ${built}.`);
  return { path: built, source: 'built' };
}

export const missingCliMessage = `No Temporal CLI could be found or built.
Do one of these, then start again:
  - install the Temporal CLI (https://docs.temporal.io/cli) so that "temporal" is on PATH;
  - or set TEMPORAL_CLI to the path of a temporal executable;
  - or install Go 1.22+ so Vinculo can build it (go install ${TEMPORAL_CLI_MODULE});
  - or set TEMPORAL_ADDRESS to use an existing Temporal server.`;

/** Finds a CLI, building one with Go when none is there; undefined when neither works. */
export async function provisionTemporalCli(
  explicit?: string,
  log?: (line: string) => void,
): Promise<FoundCli | undefined> {
  const found = findTemporalCli(explicit);
  if (found) return found;
  if (goAvailable()) return buildTemporalCli(log);
  return undefined;
}
