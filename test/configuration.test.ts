import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';

describe('the default configuration', () => {
  it("answers a person's waiting portal step within the shutdown grace, so a restart does not cut it", () => {
    const config = loadConfig({});
    expect(config.portalStepWaitMs).toBeLessThan(config.shutdownGraceMs);
  });
});
