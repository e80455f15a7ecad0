import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows, sharedWorkflowModules } from '../../server/temporal/worker.js';

/**
 * The production workflow bundle is evaluated again for every workflow a worker caches (and on
 * every replay after an eviction), so what it carries is memory and CPU per process. It carries
 * the interpreter, XState, the machines and their payload rules; zod and labels stay out.
 * 2,580,149 bytes when this guard was set (source maps included); the limit leaves room for a few
 * more machines, not for the console's registry (zod alone added about 1 MB).
 */
const MAX_BUNDLE_BYTES = 2_900_000;

describe('the production workflow bundle', () => {
  it('stays small and carries no zod, labels or console modules', { timeout: 120_000 }, async () => {
    const { code } = await bundleWorkflows();
    const modules = [...code.matchAll(/"\.\/([^"]+\.[cm]?[jt]s)"/g)].map((m) => m[1]!);
    expect(modules.length).toBeGreaterThan(20);
    expect(modules.filter((m) => m.includes('node_modules/zod/'))).toEqual([]);
    expect(
      modules.filter((m) => /\.(labels|schema)\.ts$|machines\/index\.ts$|machines\/describe\.ts$/.test(m)),
    ).toEqual([]);
    expect(code.length).toBeLessThan(MAX_BUNDLE_BYTES);
  });

  it('shares only modules that keep no state of their own at module level', { timeout: 120_000 }, async () => {
    const { code } = await bundleWorkflows();
    const shared = sharedWorkflowModules.map((m) => path.relative(process.cwd(), m));
    // The bundle's preload function requires exactly these modules, once per worker.
    const preload = /preloadModules = function preloadModules\(\) \{([\s\S]*?)\n\}/.exec(code)?.[1] ?? '';
    for (const m of shared) expect(preload).toContain(path.basename(m));
    // Their own folders' modules are what a shared module pulls in: none may hold a variable or a
    // growing collection at module level, which every workflow of the worker would then share.
    const folders = [...new Set(shared.map((m) => path.dirname(m)))];
    const stateful: string[] = [];
    for (const folder of folders)
      for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
        const source = fs.readFileSync(path.join(folder, file), 'utf8');
        for (const line of source.split('\n'))
          if (/^(export )?(let|var) |^(export )?const \w+(: [^=]+)? = new (Map|Set|Array)\b/.test(line))
            stateful.push(`${folder}/${file}: ${line}`);
      }
    expect(stateful).toEqual([]);
  });
});
