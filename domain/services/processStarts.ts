import type { Knex } from 'knex';
import { conflict as conflictError, DomainError, invalid } from '../errors.js';
import { ownKey } from '../ownKey.js';
import { instanceTarget, type AuditActor, type AuditPort, type ProcessPort } from '../ports.js';

// Starting a process through the generic route (POST /api/instances): the directory's machines
// have a policy (their entity must exist and allow a process; timing comes from configuration),
// a restart points the entity at its new process, and every start is audited.

/** Timing of the directory's processes, from the server's configuration (never from a caller). */
export interface ProcessTiming {
  onboarding?: unknown;
  officeLink?: unknown;
}

type Input = Record<string, unknown>;

/** What a machine started through the generic route needs: its entity, in a state that allows it. */
interface StartPolicy {
  /** Throws a 404/409 when the entity is missing or may not get a process now; answers the input to start with. */
  prepare(db: Knex, input: Input, timing: ProcessTiming): Promise<Input>;
  /** The directory row whose `instanceId` names the entity's current process. */
  entityRow: (input: Input) => { table: string; id: string };
}

const conflict = (message: string) => conflictError('start_not_allowed', message);
const missing = (what: string, id: unknown) =>
  new DomainError('not_found', 'not_found', `There is no ${what} "${String(id)}".`);
const withTiming = (input: Input, timing: unknown) => (timing === undefined ? input : { ...input, timing });

const policies: Readonly<Record<string, StartPolicy>> = {
  clientUserOnboarding: {
    async prepare(db, input, timing) {
      const user = await db('clientUsers')
        .where({ id: String(input.clientUserId) })
        .first('status', 'officeId', 'companyId');
      if (!user) throw missing('client user', input.clientUserId);
      if (user.officeId !== input.officeId || user.companyId !== input.companyId)
        throw conflict('This client user belongs to another office or company than the input says.');
      if (['registered', 'linked', 'inactive'].includes(user.status))
        throw conflict(`This client user is ${user.status}: an onboarding process cannot start for them.`);
      return withTiming(input, timing.onboarding);
    },
    entityRow: (input) => ({ table: 'clientUsers', id: String(input.clientUserId) }),
  },
  officeUserLink: {
    async prepare(db, input, timing) {
      const user = await db('officeUsers')
        .where({ id: String(input.officeUserId) })
        .first('active', 'linkedAt', 'officeId');
      if (!user) throw missing('office user', input.officeUserId);
      if (user.officeId !== input.officeId)
        throw conflict('This office user belongs to another office than the input says.');
      if (!user.active || user.linkedAt)
        throw conflict(
          `This office user is ${user.linkedAt ? 'already linked' : 'inactive'}: a link process cannot start for them.`,
        );
      return withTiming(input, timing.officeLink);
    },
    entityRow: (input) => ({ table: 'officeUsers', id: String(input.officeUserId) }),
  },
};

/**
 * The input a generic start may use. Machines of the directory have a policy: their entity must
 * exist and allow a process, and a caller's `timing` is refused (it comes from configuration).
 */
export async function prepareStart(db: Knex, machine: string, input: unknown, timing: ProcessTiming): Promise<unknown> {
  if (!ownKey(policies, machine)) return input;
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw invalid('bad_request', 'Invalid body: input must be an object.');
  if (ownKey(input, 'timing'))
    throw invalid(
      'bad_request',
      "input.timing is not accepted: a process's timing comes from the server's configuration.",
    );
  return policies[machine]!.prepare(db, input as Input, timing);
}

/** After a restart the entity follows its new process (the console, the portal and nudges use it). */
export async function pointEntityAt(db: Knex, machine: string, input: unknown, instanceId: string): Promise<void> {
  if (!ownKey(policies, machine)) return;
  const { table, id } = policies[machine]!.entityRow(input as Input);
  await db(table).where({ id }).update({ instanceId });
}

export interface StartByOperator {
  machine: string;
  input: unknown;
  reason?: string;
  /** Start again for an entity whose process ended (`<machine>-<entityId>-r<n>`); needs a reason. */
  restart?: boolean;
  /** Who starts it, as the process records it (`operator:<id>`) and as the audit log names them. */
  actor: string;
  auditActor: AuditActor;
}

/** Starts (or starts again) a process for an operator: policy, start, the entity's pointer, the audit entry. */
export function processStartService(deps: {
  db: Knex;
  instances: ProcessPort;
  audit: AuditPort;
  timing: ProcessTiming;
}) {
  return {
    async start(r: StartByOperator): Promise<{ instanceId: string }> {
      const input = await prepareStart(deps.db, r.machine, r.input, deps.timing);
      const started = await deps.instances.start({
        machine: r.machine,
        input,
        actor: r.actor,
        reason: r.reason,
        restart: r.restart,
      });
      if (r.restart) await pointEntityAt(deps.db, r.machine, input, started.instanceId);
      await deps.audit.record({
        actor: r.auditActor,
        action: r.restart ? 'instance.restart' : 'instance.create',
        target: instanceTarget(started.instanceId),
        reason: r.reason,
        details: { machine: r.machine },
      });
      return started;
    },
  };
}
