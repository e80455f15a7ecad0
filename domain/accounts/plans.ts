import { invalid } from '../errors.js';

// The plans an office can sell. Data: adding a plan is adding a row here, nothing else.

export interface Plan {
  id: string;
  name: { 'pt-BR': string; en: string; fr: string };
  monthlyFeeCents: number;
  /** When a change to this plan takes effect: at once, or at the account's next billing date. */
  changeTakesEffect: 'now' | 'nextBilling';
}

export const plans: readonly Plan[] = [
  {
    id: 'essencial',
    name: { 'pt-BR': 'Essencial', en: 'Essential', fr: 'Essentiel' },
    monthlyFeeCents: 9900,
    changeTakesEffect: 'now',
  },
  {
    id: 'profissional',
    name: { 'pt-BR': 'Profissional', en: 'Professional', fr: 'Professionnel' },
    monthlyFeeCents: 19900,
    changeTakesEffect: 'now',
  },
  {
    id: 'empresarial',
    name: { 'pt-BR': 'Empresarial', en: 'Business', fr: 'Entreprise' },
    monthlyFeeCents: 39900,
    changeTakesEffect: 'nextBilling',
  },
];

export const planIds = plans.map((p) => p.id);

/** The plan, or a clear refusal naming the plans that exist. */
export function planOf(id: string): Plan {
  const plan = plans.find((p) => p.id === id);
  if (!plan)
    throw invalid('unknown_plan', `There is no plan "${id}". Plans: ${planIds.join(', ')}.`, { plans: planIds });
  return plan;
}
