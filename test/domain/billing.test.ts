import { describe, expect, it } from 'vitest';
import { nextBillingAt } from '../../domain/accounts/billing.js';

describe('next billing date', () => {
  it('is the contract day of this month when it is still ahead, else of the next month', () => {
    const start = '2026-03-10T12:00:00.000Z';
    expect(nextBillingAt(start, new Date('2026-05-02T00:00:00Z')).toISOString()).toBe('2026-05-10T12:00:00.000Z');
    expect(nextBillingAt(start, new Date('2026-05-10T12:00:00Z')).toISOString()).toBe('2026-06-10T12:00:00.000Z');
    expect(nextBillingAt(start, new Date('2026-12-20T00:00:00Z')).toISOString()).toBe('2027-01-10T12:00:00.000Z');
  });

  it('falls on the last day of a shorter month', () => {
    const start = '2026-01-31T08:00:00.000Z';
    expect(nextBillingAt(start, new Date('2026-02-01T00:00:00Z')).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(nextBillingAt(start, new Date('2028-02-01T00:00:00Z')).toISOString()).toBe('2028-02-29T08:00:00.000Z');
    expect(nextBillingAt(start, new Date('2026-04-30T09:00:00Z')).toISOString()).toBe('2026-05-31T08:00:00.000Z');
  });
});
