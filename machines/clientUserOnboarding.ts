import { clientUserOnboardingLabels } from './clientUserOnboarding.labels.js';
import { clientUserOnboardingV1 } from './clientUserOnboarding.machine.js';
import {
  onboardingEventSchemas,
  onboardingInputSchema,
  type OnboardingEvent,
  type OnboardingInput,
} from './clientUserOnboarding.schema.js';
import { defineMachine } from './definition.js';

const operatorEvents = ['CORRECT_EMAIL', 'RESEND_NOW', 'EXTEND_DEADLINE', 'CANCEL'] as const satisfies ReadonlyArray<
  OnboardingEvent['type']
>;

/** clientUserOnboarding version 1 as the API and the console see it. */
export const clientUserOnboarding = defineMachine<OnboardingInput>({
  ...clientUserOnboardingV1,
  ...clientUserOnboardingLabels,
  operatorEvents,
  eventSchemas: onboardingEventSchemas,
  inputSchema: onboardingInputSchema,
});
