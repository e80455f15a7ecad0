// The text of machines/eventRules.generated.ts: each machine version's event payload schemas as
// plain JSON Schema, for the workflow bundle's zod-free check (machines/payloadRules.ts).
// `npm run generate:event-rules` (scripts/generateEventRules.ts) writes it; test/machines/eventRules.test.ts
// fails while the committed file is stale.
import { z } from 'zod';
import type { MachineDefinition } from './definition.js';
import { registry } from './index.js';
import type { PayloadSchema } from './payloadRules.js';

/** The generated schemas of one machine version, by event type. */
export function payloadSchemasOf(definition: MachineDefinition<unknown>): Record<string, PayloadSchema> {
  return Object.fromEntries(
    Object.entries(definition.eventSchemas ?? {}).map(([type, schema]) => {
      const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
      return [type, json as PayloadSchema];
    }),
  );
}

/** Every registered version's schemas, keyed `id@version`. */
export const allPayloadSchemas = (): Record<string, Record<string, PayloadSchema>> =>
  Object.fromEntries(registry.all().map((d) => [`${d.id}@${d.version}`, payloadSchemasOf(d)]));

/** The generated module's source, before formatting. */
export const eventRulesSource = (): string =>
  [
    '// Generated from the zod event schemas by machines/eventRules.source.ts; do not edit.',
    "import type { PayloadSchema } from './payloadRules.js';",
    '',
    `export const eventRules = ${JSON.stringify(allPayloadSchemas(), null, 2)} satisfies Record<string, Record<string, PayloadSchema>>;`,
    '',
  ].join('\n');
