// `npm run generate:event-rules`: writes machines/eventRules.generated.ts, each machine version's
// event payload schemas as plain JSON Schema for the workflow bundle's zod-free check
// (machines/payloadRules.ts), after an event schema or a machine version changed.
// test/machines/eventRules.test.ts fails while the committed file differs from what this writes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { eventRulesSource } from '../machines/eventRules.source.js';

export const eventRulesFile = fileURLToPath(new URL('../machines/eventRules.generated.ts', import.meta.url));

/** The file's text as this script writes it: the generated source, formatted as the project formats. */
export async function generatedEventRules(): Promise<string> {
  const options = await prettier.resolveConfig(eventRulesFile);
  return prettier.format(eventRulesSource(), { ...options, filepath: eventRulesFile });
}

// Imported by the test, run by npm: only a run writes.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await generatedEventRules();
  const before = fs.existsSync(eventRulesFile) ? fs.readFileSync(eventRulesFile, 'utf8') : '';
  fs.writeFileSync(eventRulesFile, text);
  console.log(`${path.relative(process.cwd(), eventRulesFile)} ${before === text ? 'was up to date' : 'written'}`);
}
