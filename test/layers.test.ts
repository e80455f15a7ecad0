import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules live in eslint.config.js; this runs the project's own configuration on probe
// sources placed in each layer, so a rule that is dropped or stops matching fails here.

const eslint = new ESLint();

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

const importing = (from: string) => `import { thing } from '${from}';\nexport const probe = thing;\n`;

describe('layer rules', () => {
  it.each([
    ['domain/services/probe.ts', '../../server/http/errors.js'],
    ['domain/services/probe.ts', '../../server/temporal/instances.js'],
    ['domain/services/probe.ts', '../../server/audit/auditLog.js'],
    ['domain/probe.ts', '../activities/clientUsers.js'],
    ['server/temporal/probe.ts', '../http/errors.js'],
    ['activities/probe.ts', '../server/http/errors.js'],
    ['workflows/probe.ts', '../server/http/errors.js'],
    ['workflows/probe.ts', '../activities/clientUsers.js'],
    ['machines/probe.ts', 'node:fs'],
  ])('refuses %s importing %s', async (file, from) => {
    expect(await restrictedImports(file, importing(from))).toHaveLength(1);
  });

  it.each([
    ['domain/services/probe.ts', '../ports.js'],
    ['domain/services/probe.ts', '../../machines/failureTypes.js'],
    ['activities/probe.ts', '../domain/services/index.js'],
    ['server/http/probe.ts', '../../domain/ports.js'],
  ])('lets %s import %s', async (file, from) => {
    expect(await restrictedImports(file, importing(from))).toEqual([]);
  });
});
