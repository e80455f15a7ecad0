import { certificateRenewal } from './certificateRenewal.js';
import { clientContract } from './clientContract.js';
import { clientHiring } from './clientHiring.js';
import { clientUserOnboarding } from './clientUserOnboarding.js';
import { connectionRequest } from './connectionRequest.js';
import type { Scenario, Variant } from './context.js';
import { integrationKeyRotation } from './integrationKeyRotation.js';
import { officeUserLink } from './officeUserLink.js';
import { planChange } from './planChange.js';

/** Every machine the product runs, each with the ways its processes end. */
export const scenarios: Scenario[] = [
  clientUserOnboarding,
  officeUserLink,
  certificateRenewal,
  clientContract,
  clientHiring,
  integrationKeyRotation,
  connectionRequest,
  planChange,
];

export interface Planned {
  n: number;
  machine: string;
  variant: Variant;
}

/**
 * `total` processes spread evenly over every variant of every machine (one of each at least),
 * interleaved so each machine runs throughout the faults; the long timed variants first.
 */
export function plan(total: number): Planned[] {
  const variants = scenarios.flatMap((s) => s.variants.map((variant) => ({ machine: s.machine, variant })));
  const rounds = Math.max(1, Math.ceil(total / variants.length));
  const planned: Planned[] = [];
  for (let round = 0; round < rounds; round += 1) for (const v of variants) planned.push({ n: planned.length, ...v });
  const first = (p: Planned) => (p.machine === 'certificateRenewal' && p.variant.name === 'expired' ? 0 : 1);
  return planned.sort((a, b) => first(a) - first(b) || a.n - b.n);
}

export function variantOf(machine: string, name: string): Variant | undefined {
  return scenarios.find((s) => s.machine === machine)?.variants.find((v) => v.name === name);
}
