import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../machines/definition.js';
import { InstanceService } from '../../server/temporal/instances.js';
import { testCodec } from '../support/codec.js';
import { versionProbeV1 } from '../support/machines/versionProbe.machine.js';
import { instanceRow } from '../support/projection.js';
import { eventually, uniqueId } from '../support/stack.js';
import { loginWithApi, showUrl } from './support/browser.js';
import { useConsole } from './support/pageHooks.js';

const session = useConsole();

describe('a process page', () => {
  it('shows the machine version the process runs, and says when newer processes start on another', async () => {
    const { stack: s, page, context } = session;
    // Started as the deployment before version 2 would have: on version 1.
    const before = new InstanceService({
      client: s.client,
      registry: createRegistry([versionProbeV1]),
      taskQueue: s.taskQueue,
      namespace: 'default',
      codec: testCodec,
    });
    const start = { machine: 'versionProbe', actor: 'system', reason: 'version page test' };
    const { instanceId: old } = await before.start({ ...start, input: { key: uniqueId('v1') } });
    const { instanceId: fresh } = await s.instances.start({ ...start, input: { key: uniqueId('v2') } });
    for (const id of [old, fresh]) await eventually(async () => expect(await instanceRow(s.db, id)).toBeTruthy());
    await loginWithApi(context, await s.operator('auditor'));

    await page.goto(showUrl('instances', old));
    await page.getByText('Statechart, version 1').waitFor();
    await page.locator('[data-testid="statechart"] svg').waitFor();
    expect(await page.getByTestId('older-version').innerText()).toBe(
      'This process runs version 1 of its machine, to the end; new processes start on version 2.',
    );

    await page.goto(showUrl('instances', fresh));
    await page.getByText('Statechart, version 2').waitFor();
    await page.locator('[data-testid="statechart"] svg').waitFor();
    expect(await page.getByTestId('older-version').count()).toBe(0);
  });
});
