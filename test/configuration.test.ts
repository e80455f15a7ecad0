import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationFile, configurationMarkdown } from '../scripts/configTable.js';
import { requestWaitsMs } from '../domain/settings.js';
import { configGroups, configVariables, loadConfig, projectRoot, readElsewhere } from '../server/config.js';

/** The TypeScript files under a folder of the project, with their path from the project's root. */
function sources(folder: string): Array<{ file: string; text: string }> {
  const root = path.join(projectRoot, folder);
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: path.join(folder, f), text: fs.readFileSync(path.join(root, f), 'utf8') }));
}

/** Every `process.env.X` (or `env.X` of an environment held in a variable) a folder's code reads. */
function variablesRead(folders: string[]): Array<{ name: string; file: string }> {
  return folders
    .flatMap(sources)
    .flatMap(({ file, text }) => [...text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)].map((m) => ({ name: m[1]!, file })));
}

describe('docs/configuration.md', () => {
  it('is what npm run docs:config writes from the schema (run it after changing a variable)', () => {
    expect(fs.readFileSync(configurationFile, 'utf8')).toBe(configurationMarkdown());
  });

  it('lists every variable the server, the domain, the activities and the scripts read', () => {
    const listed = new Set([...configVariables().map((v) => v.name), ...readElsewhere.map((v) => v.name)]);
    const unlisted = variablesRead(['server', 'domain', 'activities', 'scripts']).filter((v) => !listed.has(v.name));
    expect(unlisted).toEqual([]);
  });

  it('names, for each variable read outside the schema, files that still read it', () => {
    const stale = readElsewhere.flatMap((v) =>
      v.readBy
        .filter((file) => !fs.readFileSync(path.join(projectRoot, file), 'utf8').includes(v.name))
        .map((file) => `${v.name} in ${file}`),
    );
    expect(stale).toEqual([]);
  });

  it('gives each variable a meaning and a group that has a heading', () => {
    for (const v of configVariables()) {
      expect(v.meaning, v.name).toMatch(/\S/);
      expect(configGroups, v.name).toContain(v.group);
    }
    for (const group of configGroups)
      expect(
        configVariables().some((v) => v.group === group),
        group,
      ).toBe(true);
  });
});

describe('the default configuration', () => {
  it("answers a person's waiting portal step within the shutdown grace, so a restart does not cut it", () => {
    const config = loadConfig({});
    expect(config.portalStepWaitMs).toBeLessThan(config.shutdownGraceMs);
  });

  it('keeps every other wait of a request for a process within the shutdown grace', () => {
    const config = loadConfig({});
    for (const [wait, ms] of Object.entries(requestWaitsMs)) expect(ms, wait).toBeLessThan(config.shutdownGraceMs);
  });
});
