import type { ContractInput } from '../../../machines/clientContract.schema.js';
import type { HiringInput } from '../../../machines/clientHiring.schema.js';
import type { OnboardingInput } from '../../../machines/clientUserOnboarding.machine.js';
import type { ConnectionInput } from '../../../machines/connectionRequest.machine.js';
import type { OfficeUserLinkV2Input } from '../../../machines/officeUserLink.v2.machine.js';
import { officeService } from '../../../domain/services/offices.js';
import { randomCnpj } from '../randomIds.js';
import type { MemoryDeps } from './deps.js';

const hour = 3_600_000;

/** Every process's timing for unit tests: an hour for each wait (nothing fires in memory anyway). */
export const testTimings = {
  onboarding: { resendDelaysMs: [hour], expireAfterMs: hour } satisfies OnboardingInput['timing'],
  officeLink: {
    recheckAfterMs: hour,
    remindDelaysMs: [hour],
    expireAfterMs: hour,
    heartbeatWindowMs: hour,
    disconnectedRemindAfterMs: hour,
  } satisfies OfficeUserLinkV2Input['timing'],
  contract: {
    reminderDelaysMs: [hour],
    trialEndAfterMs: hour,
    cancelAfterBlockedMs: hour,
  } satisfies ContractInput['timing'],
  hiring: { resendDelaysMs: [hour], expireAfterMs: hour } satisfies HiringInput['timing'],
  connection: { reminderDelaysMs: [hour], expireAfterMs: hour } satisfies ConnectionInput['timing'],
  keyRotation: { graceMs: hour, reminderBeforeMs: hour / 2 },
};

/** Mail settings without an SMTP server: messages are only kept in the outbox, where tests read them. */
export const testMail = { from: 'Vínculo <no-reply@vinculo.test>', publicUrl: 'http://vinculo.test' };

/** An office and one client company of it, made by the office service as the API makes them. */
export async function officeWithCompany(deps: MemoryDeps, name = 'Escritório') {
  const offices = officeService(deps);
  const office = await offices.createOffice({ name, cnpj: randomCnpj(), linkedEmails: [] }, 'operator:o1');
  const company = await offices.createCompany(
    { officeId: office.id, name: `${name} Cliente`, cnpj: randomCnpj() },
    'operator:o1',
  );
  return { officeId: office.id, companyId: company.id };
}
