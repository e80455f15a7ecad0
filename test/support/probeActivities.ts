import { ApplicationFailure, Context, CancelledFailure } from '@temporalio/activity';

/** What the probe activities saw, for assertions; the worker runs in the test's own process. */
export interface ProbeJournal {
  started: string[];
  cancelled: string[];
  notes: string[];
  maxConcurrent: number;
}

/** Activities behind the probe machines: they wait, heartbeat, succeed or fail as told. */
export function createProbeActivities(
  journal: ProbeJournal = { started: [], cancelled: [], notes: [], maxConcurrent: 0 },
) {
  let running = 0;
  return {
    journal,
    activities: {
      async probeWork(input: { key: string; mode: 'succeed' | 'fail'; workMs: number }): Promise<{ result: string }> {
        const ctx = Context.current();
        journal.started.push(input.key);
        running += 1;
        journal.maxConcurrent = Math.max(journal.maxConcurrent, running);
        try {
          const until = Date.now() + input.workMs;
          // Heartbeats are how Temporal tells an activity it was cancelled.
          while (Date.now() < until) {
            ctx.heartbeat();
            await ctx.sleep(Math.min(100, Math.max(0, until - Date.now())));
          }
        } catch (err) {
          if (err instanceof CancelledFailure) journal.cancelled.push(input.key);
          throw err;
        } finally {
          running -= 1;
        }
        if (input.mode === 'fail')
          throw ApplicationFailure.nonRetryable(`probe ${input.key} was told to fail`, 'ProbeFailure');
        return { result: `${input.key}:ok` };
      },
      async writeNote(input: { key: string; text: string }): Promise<void> {
        if (input.text.includes('fail'))
          throw ApplicationFailure.nonRetryable(`note for ${input.key} refused`, 'NoteRefused');
        journal.notes.push(`${input.key}:${input.text}`);
      },
    },
  };
}
