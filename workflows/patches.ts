/**
 * Every versioning marker the engine's workflow code calls `patched()` with, in one place, each
 * with when it came and why. A marker is recorded in a history the first time new code takes the
 * new path; a history recorded before it has none, and replays the old path. A marker is retired
 * (deprecatePatch, then removed) only once no running process can still replay the old path.
 */
export interface PatchMarker {
  /** The id written into histories: never renamed. */
  readonly id: string;
  /** The day the new path shipped. */
  readonly since: string;
  readonly why: string;
}

export const patches = {
  queuedEventIds: {
    id: 'queued-event-ids',
    since: '2026-11-22',
    why: 'A queued event delivered again (same event id) is taken once; processes from before event ids never saw them.',
  },
  queuedEventRefusals: {
    id: 'queued-event-refusals',
    since: '2026-11-22',
    why: 'A queued event refused by Signal is recorded as refused on its queue row, with the reason, instead of only being logged.',
  },
  queuedSignalsWaitForStep: {
    id: 'queued-signals-wait-for-step',
    since: '2026-11-22',
    why:
      'A queued event that arrives by Signal while an invoke is in flight and is refused there waits for the step and is ' +
      "offered again after the next transition: Temporal hands a task's Signals to the workflow before its activity results.",
  },
  searchAttributesStateOnly: {
    id: 'search-attributes-state-only',
    since: '2026-11-23',
    why: "After a run's first upsert only the state is upserted again; older histories upserted all four attributes.",
  },
  projectionBesideTheRun: {
    id: 'projection-beside-the-run',
    since: '2026-12-06',
    why:
      'The projection (a local activity) runs beside the run instead of holding it up: nothing the workflow does waits for ' +
      'a local activity. When a Query is answered while a local activity result is pending, the SDK completes the task ' +
      'with that result recorded although the workflow has not seen it yet; a replay hands it over within that task, so ' +
      'work that waited for it (a cancelled timer above all) moved to another task and the replay failed for good.',
  },
} as const satisfies Record<string, PatchMarker>;
