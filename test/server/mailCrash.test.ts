import type { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOfficeWithCompany,
  randomEmail,
  startDirectoryStack,
  type DirectoryStack,
} from '../support/directoryStack.js';
import { startDirectoryWorker } from '../support/serverProcess.js';
import { eventually } from '../support/stack.js';

const children: ChildProcess[] = [];
const stacks: DirectoryStack[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const s of stacks.splice(0)) await s.stop();
});

/** A worker in its own process on the stack's database, with the directory and mail activities. */
async function startWorkerProcess(s: DirectoryStack): Promise<ChildProcess> {
  const child = await startDirectoryWorker(s);
  children.push(child);
  return child;
}

describe('a worker killed while registration mails go out', () => {
  it('delivers each mail once per mailbox; only a send cut between acceptance and bookkeeping repeats, with the same Message-ID', async () => {
    const s = await startDirectoryStack({ noWorker: true });
    stacks.push(s);
    const { companyId } = await createOfficeWithCompany(s.app);
    const first = await startWorkerProcess(s);
    const emails = Array.from({ length: 12 }, (_, i) => randomEmail(`crash${i}`));
    const created = await Promise.all(
      emails.map((email, i) =>
        request(s.app)
          .post('/api/clientUsers')
          .send({ companyId, name: `User ${i}`, email })
          .expect(201),
      ),
    );

    await eventually(() => expect(s.smtp.messages.length).toBeGreaterThan(0), 30_000, 5);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const sentBeforeCrash = s.smtp.messages.length;
    await startWorkerProcess(s);

    const ids = created.map((c) => c.body.instanceId as string);
    await eventually(async () => {
      const rows = await s.db('instances').whereIn('id', ids).select('state');
      expect(rows.map((r: { state: string }) => r.state)).toEqual(ids.map(() => 'awaitingRegistration'));
    }, 150_000); // a send the killed worker had claimed waits out its lease (SEND_LEASE_MS) first
    // A send interrupted between the server's acceptance and the outbox update is repeated with
    // the same Message-ID (at-least-once on the wire); everything else is never sent twice.
    for (const email of emails) expect(s.smtp.mailbox(email), email).toHaveLength(1);
    expect(new Set(s.smtp.messages.map((m) => m.messageId)).size).toBe(emails.length);
    const repeated = s.smtp.messages.length - emails.length;
    expect(repeated).toBeLessThanOrEqual(sentBeforeCrash + 1);
    console.log(`mails before the crash: ${sentBeforeCrash} of ${emails.length}; repeated transmissions: ${repeated}`);
  }, 210_000);
});
