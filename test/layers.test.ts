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
    ['domain/services/steps/probe.ts', '@temporalio/activity'],
    ['server/temporal/probe.ts', '../http/errors.js'],
    ['activities/probe.ts', '../server/http/errors.js'],
    ['workflows/probe.ts', '../server/http/errors.js'],
    ['workflows/probe.ts', '../activities/clientUsers.js'],
    ['machines/probe.ts', 'node:fs'],
    ['machines/probe.ts', '../domain/directory/identities.js'],
    ['workflows/probe.ts', '../domain/services/index.js'],
    ['domain/settings.ts', '../machines/definition.js'],
    ['domain/settings.ts', 'zod'],
    ['contracts/probe.ts', '../server/http/errors.js'],
    ['admin/src/probe.ts', '../../server/auth/principal'],
  ])('refuses %s importing %s', async (file, from) => {
    expect((await restrictedImports(file, importing(from))).length).toBeGreaterThan(0);
  });

  it.each([
    ['domain/services/probe.ts', '../ports.js'],
    ['domain/services/probe.ts', '../../machines/failureTypes.js'],
    ['activities/probe.ts', '../domain/services/index.js'],
    ['server/http/probe.ts', '../../domain/ports.js'],
    ['admin/src/probe.ts', '../../domain/settings.js'],
    ['machines/probe.ts', '../domain/settings.js'],
    ['workflows/probe.ts', '../domain/settings.js'],
  ])('lets %s import %s', async (file, from) => {
    expect(await restrictedImports(file, importing(from))).toEqual([]);
  });

  it('lets machines/ take types from the domain, and nothing else of it but the settings table', async () => {
    const typeOnly = "import type { Locale } from '../domain/directory/validation.js';\nexport type Probe = Locale;\n";
    expect(await restrictedImports('machines/probe.ts', typeOnly)).toEqual([]);
    expect(
      await restrictedImports('machines/probe.ts', importing('../domain/settingsOfSomethingElse.js')),
    ).toHaveLength(1);
  });

  it('lets contracts/ and the console take only types from outside admin/', async () => {
    const typeOnly = "import type { Label } from '../machines/definition.js';\nexport type Probe = Label;\n";
    expect(await restrictedImports('contracts/probe.ts', typeOnly)).toEqual([]);
    expect(await restrictedImports('contracts/probe.ts', importing('../machines/definition.js'))).toHaveLength(1);
    const consoleTypes = "import type { Stats } from '../../contracts/api';\nexport type Probe = Stats;\n";
    expect(await restrictedImports('admin/src/probe.ts', consoleTypes)).toEqual([]);
    expect(await restrictedImports('admin/src/probe.ts', importing('../../contracts/api'))).toHaveLength(1);
    expect(await restrictedImports('admin/src/probe.ts', importing('../../workflows/messages'))).toHaveLength(1);
  });
});
