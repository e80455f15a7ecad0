import { describe, expect, it } from 'vitest';
import { catalogueOf, createRegistry } from '../../machines/definition.js';
import { engineRegistry } from '../../machines/engine.js';
import { registry } from '../../machines/index.js';
import { versionProbeV1, versionProbeV2 } from '../support/machines/versionProbe.machine.js';

describe('the machine registries', () => {
  it('give the API the versions the workflow runs, in its order, with the same statecharts', () => {
    const key = (d: { id: string; version: number }) => `${d.id}@${d.version}`;
    expect(engineRegistry.all().map(key)).toEqual(registry.all().map(key));
    for (const d of registry.all()) expect(engineRegistry.get(d.id, d.version)?.machine).toBe(d.machine);
  });

  it('refuse a catalogue that misses a version the engine runs, adds one, or wraps another statechart', () => {
    const engine = createRegistry([versionProbeV1, versionProbeV2]);
    expect(catalogueOf(engine, [versionProbeV2, versionProbeV1]).all()).toEqual([versionProbeV1, versionProbeV2]);
    expect(() => catalogueOf(engine, [versionProbeV1])).toThrow(
      'Machine "versionProbe" version 2 runs in the engine but has no catalogue entry',
    );
    expect(() => catalogueOf(createRegistry([versionProbeV1]), [versionProbeV1, versionProbeV2])).toThrow(
      'Catalogue entries for versions the engine does not run: "versionProbe" version 2',
    );
    expect(() => catalogueOf(engine, [versionProbeV1, { ...versionProbeV2, machine: versionProbeV1.machine }])).toThrow(
      'The catalogue entry of "versionProbe" version 2 wraps another statechart',
    );
  });

  it('start new processes on the latest version and find each version by number', () => {
    const r = createRegistry([versionProbeV2, versionProbeV1]);
    expect(r.latest('versionProbe')?.version).toBe(2);
    expect(r.get('versionProbe', 1)).toBe(versionProbeV1);
    expect(r.get('versionProbe', 3)).toBeUndefined();
    expect(r.versions('versionProbe')).toEqual([1, 2]);
    expect(r.all().map((d) => d.version)).toEqual([1, 2]);
    expect(r.latestAll()).toEqual([versionProbeV2]);
    expect(r.latest('nothing')).toBeUndefined();
  });

  it('refuse a version registered twice or a version that is not a positive integer', () => {
    expect(() => createRegistry([versionProbeV1, versionProbeV1])).toThrow(
      'Machine "versionProbe" version 1 is registered twice',
    );
    expect(() => createRegistry([{ ...versionProbeV1, version: 0 }])).toThrow(/versions are integers from 1/);
  });
});
