import { describe, expect, it } from 'vitest';
import { queuedEvent } from '../../../domain/events/queue.js';
import { clientUserService } from '../../../domain/services/clientUsers.js';
import { portalStepService } from '../../../domain/services/portalSteps.js';
import { issuePortalToken, readPortalToken, type PortalTokenRow } from '../../../domain/tokens.js';
import { MemoryDelivery } from '../../support/memory/delivery.js';
import { officeWithCompany, testTimings } from '../../support/memory/directory.js';
import { useMemoryDeps } from '../../support/memory/deps.js';
import { randomEmail } from '../../support/randomIds.js';

const d = useMemoryDeps();
const secret = 'a-secret-of-the-test';

/** A client user's registration link, as its process mails it. */
async function registrationLink() {
  const { companyId } = await officeWithCompany(d);
  const users = clientUserService({ ...d, timing: testTimings.onboarding });
  const email = randomEmail('ana');
  const { id } = await users.create({ companyId, name: 'Ana', email, locale: 'pt-BR' }, 'operator:o1');
  const { instanceId } = await users.load(id);
  const token = await issuePortalToken(d.db, secret, {
    purpose: 'register',
    clientUserId: id,
    instanceId,
    email,
    ttlMs: 3_600_000,
  });
  return { instanceId, token, row: (await readPortalToken(d.db, secret, token)) as PortalTokenRow };
}

describe("a person's step through the portal", () => {
  it('is recorded with its token spent while Temporal is away, and the same link cannot take it twice', async () => {
    const { row, instanceId } = await registrationLink();
    const delivery = new MemoryDelivery(d.db, d.instances);
    delivery.away = true;
    const steps = portalStepService({ db: d.db, delivery, tokenSecret: secret, waitMs: 200 });
    let changes = 0;
    const change = async () => {
      changes += 1;
      return { identityId: 'identity-1', event: { type: 'REGISTERED', identityId: 'identity-1' } };
    };
    expect(await steps.take(row, change)).toMatchObject({ state: 'recorded', recorded: true });
    await expect(steps.take(row, change)).rejects.toMatchObject({ kind: 'gone', code: 'token_gone' });
    expect(changes).toBe(1);
    expect(d.instances.eventsOf(instanceId)).toEqual([]);
    const queued = await d.db('queuedEvents').where({ instanceId }).select('id', 'status');
    expect(queued).toEqual([{ id: expect.any(String), status: 'pending' }]);
  });

  it('answers recorded at once when the server starts shutting down while it waits for the process', async () => {
    const { row, instanceId } = await registrationLink();
    const delivery = new MemoryDelivery(d.db, d.instances);
    delivery.away = true;
    const stopping = new AbortController();
    // A wait far longer than the test: only the shutdown can end it in time.
    const steps = portalStepService({
      db: d.db,
      delivery,
      tokenSecret: secret,
      waitMs: 600_000,
      stopping: stopping.signal,
    });
    const outcome = steps.take(row, async () => ({
      identityId: 'identity-1',
      event: { type: 'REGISTERED', identityId: 'identity-1' },
    }));
    await new Promise((r) => setTimeout(r, 300));
    const stoppedAt = Date.now();
    stopping.abort();
    expect(await outcome).toMatchObject({ state: 'recorded', recorded: true });
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
    const queued = await d.db('queuedEvents').where({ instanceId }).select('status');
    expect(queued).toEqual([{ status: 'pending' }]);
  });

  it('is refused, after it was recorded, when the process cannot take it any more', async () => {
    const { row, instanceId } = await registrationLink();
    const steps = portalStepService({
      db: d.db,
      delivery: new MemoryDelivery(d.db, d.instances),
      tokenSecret: secret,
      waitMs: 200,
    });
    // Still classifying the address: the process takes no registration now.
    expect(d.instances.state(instanceId)).toBe('checkingEmail');
    await expect(
      steps.take(row, async () => ({
        identityId: 'identity-1',
        event: { type: 'REGISTERED', identityId: 'identity-1' },
      })),
    ).rejects.toMatchObject({ code: 'process_ended' });
    const [queued] = await d.db('queuedEvents').where({ instanceId }).select('id');
    expect(await queuedEvent(d.db, queued.id)).toMatchObject({ status: 'refused' });
  });
});
