import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engineRegistry } from '../../machines/engine.js';
import fs from 'node:fs';
import { allPayloadSchemas } from '../../machines/eventRules.source.js';
import { eventRules } from '../../machines/eventRules.generated.js';
import { registry } from '../../machines/index.js';
import { eventRulesFile, generatedEventRules } from '../../scripts/generateEventRules.js';

type Verdict = {
  success: boolean;
  error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> };
};
const issuesOf = (r: Verdict) => (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

const samples: unknown[] = [
  {},
  { days: 0 },
  { days: 1 },
  { days: 90 },
  { days: 91 },
  { days: -3 },
  { days: '7' },
  { days: null },
  { identityId: '' },
  { identityId: 'id-1' },
  { identityId: 'x'.repeat(64) },
  { identityId: 'x'.repeat(65) },
  { identityId: 42 },
  { certificateId: 'c-1' },
  { companyId: 'co-1' },
  { companyId: 'co-1', extra: true },
  { extra: 1, more: 2 },
  { email: 'ana@example.com' },
];

/**
 * The workflow refuses malformed payloads with rules generated from the zod schemas, so the
 * bundle carries no zod (machines/payloadRules.ts). These tests keep the two in step.
 */
describe('event payload rules in the workflow bundle', () => {
  it('are generated from the current zod schemas (`npm run generate:event-rules` rewrites them)', async () => {
    expect(
      fs.readFileSync(eventRulesFile, 'utf8') === (await generatedEventRules()),
      'machines/eventRules.generated.ts is stale: run `npm run generate:event-rules`',
    ).toBe(true);
    expect(JSON.parse(JSON.stringify(eventRules))).toEqual(allPayloadSchemas());
  });

  it('cover every event schema of every machine version the engine runs', () => {
    for (const d of registry.all()) {
      const engine = engineRegistry.get(d.id, d.version);
      expect(Object.keys(engine?.eventSchemas ?? {}).sort(), `${d.id}@${d.version}`).toEqual(
        Object.keys(d.eventSchemas ?? {}).sort(),
      );
    }
  });

  it('give the verdicts and the words zod gives', () => {
    const payloads = [
      ...samples,
      ...fc.sample(
        fc.dictionary(
          fc.constantFrom('days', 'identityId', 'certificateId', 'companyId', 'x'),
          fc.oneof(
            fc.integer({ min: -5, max: 120 }),
            fc.double({ noNaN: true }),
            fc.string({ maxLength: 70 }),
            fc.constant(null),
          ),
        ),
        { numRuns: 300, seed: 13 },
      ),
    ];
    for (const d of registry.all()) {
      const engine = engineRegistry.get(d.id, d.version)!;
      for (const [type, schema] of Object.entries(d.eventSchemas ?? {})) {
        const rule = engine.eventSchemas![type]!;
        for (const payload of payloads)
          expect(issuesOf(rule.safeParse(payload)), `${d.id}@${d.version} ${type} ${JSON.stringify(payload)}`).toEqual(
            issuesOf(schema.safeParse(payload)),
          );
      }
    }
  });
});
