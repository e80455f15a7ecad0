// What every scenario drives the stack with: the API, the mailbox on loopback, and the few
// moves a person or an operator makes (wait for a state, read a link from an e-mail, nudge).
import crypto from 'node:crypto';
import { completeCnpj } from '../../../domain/directory/validation.js';
import type { MailCatcher } from '../../../test/support/mailCatcher.js';
import type { Api } from '../api.js';
import { sleep } from '../stack.js';

/** One process a scenario started, and the state and path it must end with. */
export interface Tracked {
  machine: string;
  variant: string;
  instanceId: string;
  expect: string;
  /** The e-mail addresses only this process writes to, and how many distinct messages each must get. */
  mails?: Record<string, number>;
}

export interface Variant {
  name: string;
  /** How it ends, in words, for the README and the summary. */
  story: string;
  /** The state every process of this variant must reach (a final state, or where it rests). */
  expect: string;
  /** Its transitions in an uninterrupted run (`npm run chaos -- --calm` prints them). */
  path: string[];
  /** Another path the machine takes by design when an outage spans its timers (said why where given). */
  alternatives?: string[][];
  drive(ctx: ScenarioContext, n: number): Promise<Tracked[]>;
}

export interface Scenario {
  machine: string;
  variants: Variant[];
}

/** Tracked processes of one machine: a variant, its process, the state it must reach, its mails. */
export const trackerOf =
  (machine: string) =>
  (variant: string, instanceId: string, expect: string, mails: Record<string, number> = {}): Tracked => ({
    machine,
    variant,
    instanceId,
    expect,
    mails,
  });

/** The contract of an account a scenario opened only to act on it: it stays in trial. */
export const trialContract = (instanceId: string): Tracked => ({
  machine: 'clientContract',
  variant: 'trial',
  instanceId,
  expect: 'trial',
});

const digits = (n: number) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');
export const randomCnpj = () => completeCnpj(`${digits(8)}0001`);
const run = crypto.randomBytes(3).toString('hex');

export class ScenarioContext {
  constructor(
    readonly api: Api,
    readonly smtp: MailCatcher,
  ) {}

  /** Run once the run is over (temporary files of a scenario). */
  readonly cleanups: Array<() => void> = [];
  private shared = new Map<string, Promise<unknown>>();

  /** Made once for the whole run (an office several processes use), whoever asks first. */
  once<T>(name: string, make: () => Promise<T>): Promise<T> {
    if (!this.shared.has(name)) this.shared.set(name, make());
    return this.shared.get(name) as Promise<T>;
  }

  /** A retried creation is the same creation: the key names the scenario's step. */
  key = (what: string) => ({ 'Idempotency-Key': `chaos-${run}-${what}` });
  email = (who: string) => `${who}.${run}.${crypto.randomBytes(3).toString('hex')}@chaos.test`;
  password = () => `chaos ${crypto.randomBytes(9).toString('base64url')}`;

  async office(name: string, tag: string): Promise<string> {
    return (await this.api.ok('POST', '/api/offices', { name, cnpj: randomCnpj() }, this.key(`office-${tag}`))).body
      .id as string;
  }

  async company(officeId: string, name: string, tag: string): Promise<{ id: string; cnpj: string }> {
    const cnpj = randomCnpj();
    const res = await this.api.ok('POST', '/api/companies', { officeId, name, cnpj }, this.key(`company-${tag}`));
    return { id: res.body.id as string, cnpj: res.body.cnpj as string };
  }

  async officeWithCompany(tag: string) {
    const officeId = await this.office(`Escritório ${tag}`, tag);
    const company = await this.company(officeId, `Cliente ${tag}`, tag);
    return { officeId, companyId: company.id, cnpj: company.cnpj };
  }

  /** An account (contract) in trial for the company, its process projected. */
  async account(companyId: string, planId: string) {
    const res = await this.api.ok('POST', '/api/accounts', { companyId, planId, payer: 'office' });
    const instanceId = res.body.instanceId as string;
    await this.until(instanceId, ['trial']);
    return instanceId;
  }

  async stateOf(instanceId: string): Promise<string | undefined> {
    const res = await this.api.persist('GET', `/api/instances/${encodeURIComponent(instanceId)}`);
    return res.status === 200 ? (res.body.state as string) : undefined;
  }

  /** Waits until the console shows the process in one of the states. */
  async until(instanceId: string, states: string[], timeoutMs = 600_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await this.stateOf(instanceId);
      if (state && states.includes(state)) return state;
      if (Date.now() > deadline) throw new Error(`${instanceId} stayed in ${state}, not ${states.join(' or ')}`);
      await sleep(300);
    }
  }

  /**
   * An operator's event with its reason, sent while the process waits in `from`: a retry after a
   * fault may find it applied already (the process has left `from`), which is the same outcome.
   */
  async nudge(instanceId: string, from: string, type: string, payload?: Record<string, unknown>) {
    for (;;) {
      const res = await this.api.persist('POST', `/api/instances/${encodeURIComponent(instanceId)}/events`, {
        type,
        reason: `chaos: ${type} by an operator`,
        payload,
      });
      if (res.status < 300) return;
      if ((await this.stateOf(instanceId)) !== from) return;
      await sleep(500);
    }
  }

  /** The newest e-mail to the address whose text matches, once it has arrived. */
  async mailMatching(to: string, pattern: RegExp): Promise<RegExpExecArray> {
    for (let waited = 0; ; waited += 300) {
      for (const mail of [...this.smtp.to(to)].reverse()) {
        const match = pattern.exec(mail.text);
        if (match) return match;
      }
      if (waited > 600_000) throw new Error(`no e-mail to ${to} matching ${pattern}`);
      await sleep(300);
    }
  }

  /** The token of a portal link (`/portal/<page>?token=…`) in an e-mail to the address. */
  async portalToken(to: string, page: string): Promise<string> {
    const match = await this.mailMatching(to, new RegExp(`/portal/${page}\\?token=([^\\s&"'<>)]+)`));
    return decodeURIComponent(match[1]!);
  }
}
