// Every history the run produced, read back from Temporal once the processes have settled: each
// run of each process (a process that continued as new has several), the workflow tasks that
// failed in them, and each one replayed against the production workflow bundle with the run's
// payload keys, as a worker deployed after the run would replay it.
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import proto from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { EncryptionCodec, parsePayloadKeys } from '../../server/temporal/payloadCodec.js';
import { bundleWorkflows } from '../../server/temporal/worker.js';

// A CommonJS package: Node's ESM loader only offers its default export.
const { temporal } = proto;
type History = proto.temporal.api.history.v1.IHistory;
const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

export interface Run {
  workflowId: string;
  runId: string;
  history: History;
}

/** A workflow task failure an event of a history records. */
export interface TaskFailedEvent {
  workflowId: string;
  runId: string;
  eventId: string;
  cause: string;
  message: string;
}

export interface ReplayFailure {
  workflowId: string;
  runId: string;
  message: string;
}

export interface HistoryFindings {
  /** Processes with at least one history. */
  processes: number;
  runs: number;
  /** Processes of the database Temporal has no history of. */
  missing: string[];
  /** Workflow tasks that failed because the code did not replay the history. */
  nondeterminism: TaskFailedEvent[];
  /** Other workflow task failures, by cause (a signal that raced a completion is one, and harmless). */
  otherTaskFailures: Map<string, number>;
  /** Histories replayed without an error. */
  replayed: number;
  replayFailures: ReplayFailure[];
}

/** Every run of a process, the oldest first: from the latest back through each first event's link. */
async function runsOf(client: Client, workflowId: string): Promise<Run[]> {
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  const runs: Run[] = [];
  while (runId && !runs.some((r) => r.runId === runId)) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift({ workflowId, runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

const causeName = (cause: number | null | undefined) =>
  (WorkflowTaskFailedCause[cause ?? 0] ?? String(cause)).replace(/^WORKFLOW_TASK_FAILED_CAUSE_/, '');

function taskFailuresIn(run: Run): TaskFailedEvent[] {
  return (run.history.events ?? [])
    .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
    .map((e) => ({
      workflowId: run.workflowId,
      runId: run.runId,
      eventId: String(e.eventId),
      cause: causeName(e.workflowTaskFailedEventAttributes?.cause),
      message: e.workflowTaskFailedEventAttributes?.failure?.message ?? '',
    }));
}

/**
 * A replay error wraps the SDK core's failure in its own sentences and a debug print, where the
 * failure's message stands quoted (`message: "…"`): that message, or the whole text without one.
 */
const coreMessage = (error: Error) =>
  /message: "((?:[^"\\]|\\.)*)"/.exec(error.message)?.[1]?.replace(/\\"/g, '"') ?? error.message;

const isNondeterminism = (f: TaskFailedEvent) =>
  f.cause === 'NON_DETERMINISTIC_ERROR' || /nondetermin/i.test(f.message);

/**
 * Reads every history of the processes in `workflowIds` and of every run Temporal's visibility
 * lists (the run's namespace holds nothing else), then replays each one.
 */
export async function readAndReplayHistories(
  temporalAddress: string,
  payloadKeys: string,
  workflowIds: string[],
): Promise<HistoryFindings> {
  const connection = await Connection.connect({ address: temporalAddress });
  const runs = new Map<string, Run>();
  const missing: string[] = [];
  try {
    const client = new Client({ connection, namespace: 'default' });
    const listed: Array<{ workflowId: string; runId: string }> = [];
    for await (const e of client.workflow.list()) listed.push({ workflowId: e.workflowId, runId: e.runId });
    const ids = [...new Set([...workflowIds, ...listed.map((e) => e.workflowId)])];
    await pool(ids, 8, async (id) => {
      try {
        for (const run of await runsOf(client, id)) runs.set(run.runId, run);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) missing.push(id);
        else throw err;
      }
    });
    // A run visibility lists that no chain reached (a process started again under its id).
    await pool(
      listed.filter((e) => !runs.has(e.runId)),
      8,
      async (e) => {
        runs.set(e.runId, { ...e, history: await client.workflow.getHandle(e.workflowId, e.runId).fetchHistory() });
      },
    );
  } finally {
    await connection.close();
  }

  const all = [...runs.values()];
  const failed = all.flatMap(taskFailuresIn);
  const otherTaskFailures = new Map<string, number>();
  for (const f of failed.filter((f) => !isNondeterminism(f)))
    otherTaskFailures.set(f.cause, (otherTaskFailures.get(f.cause) ?? 0) + 1);

  // The replay worker's state changes are not the run's news; a failure is reported below.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const replayFailures: ReplayFailure[] = [];
  let done = 0;
  let replayed = 0;
  const results = Worker.runReplayHistories(
    {
      workflowBundle: await bundleWorkflows(),
      dataConverter: { payloadCodecs: [new EncryptionCodec(parsePayloadKeys(payloadKeys))] },
    },
    all.map((r) => ({ workflowId: r.workflowId, history: r.history })),
  );
  // One history at a time, in the order given: the replay worker names its runs itself.
  for await (const result of results) {
    const run = all[done]!;
    done += 1;
    if (result.error)
      replayFailures.push({ workflowId: run.workflowId, runId: run.runId, message: coreMessage(result.error) });
    else replayed += 1;
  }
  if (done !== all.length)
    replayFailures.push({ workflowId: '-', runId: '-', message: `${all.length - done} histories never replayed` });

  return {
    processes: new Set(all.map((r) => r.workflowId)).size,
    runs: all.length,
    missing,
    nondeterminism: failed.filter(isNondeterminism),
    otherTaskFailures,
    replayed,
    replayFailures,
  };
}
