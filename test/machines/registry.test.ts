import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../machines/definition.js';
import { engineRegistry } from '../../machines/engine.js';
import { registry } from '../../machines/index.js';
import { versionProbeV1, versionProbeV2 } from '../support/machines/versionProbe.machine.js';

describe('the machine registries', () => {
  it('hold the same versions for the workflow and for the API, with the same statecharts', () => {
    const key = (d: { id: string; version: number }) => `${d.id}@${d.version}`;
    expect(engineRegistry.all().map(key)).toEqual(registry.all().map(key));
    for (const d of registry.all()) expect(engineRegistry.get(d.id, d.version)?.machine).toBe(d.machine);
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
