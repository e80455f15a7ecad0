/** The few fields of a history event (Temporal's proto or its JSON) that the reset point reads. */
export interface HistoryEventLike {
  eventId?: unknown;
  eventType?: unknown;
  workflowTaskFailedEventAttributes?: { failure?: { message?: string | null } | null } | null;
}

const idOf = (e: HistoryEventLike) => Number(String(e.eventId ?? 0));
const isType = (e: HistoryEventLike, type: 'COMPLETED' | 'FAILED') => {
  const t = String(e.eventType ?? '');
  // The proto's enum value (a number) or its name (JSON), as the two forms of a history give it.
  return t === `EVENT_TYPE_WORKFLOW_TASK_${type}` || t === (type === 'COMPLETED' ? '7' : '9');
};

/**
 * Where to reset a process whose workflow task keeps failing: the workflow task completion whose
 * commands the code no longer issues (the event a nondeterminism error names lies among them), so
 * the new run keeps everything before it and runs that task again with the code of today. For a
 * task that throws, the last completion before the first failure. Undefined when no task failed.
 * The SDK compares commands by kind and order, so code that changed earlier than that event and
 * issued commands of the same kinds is not caught there: a reset cannot mend such a history.
 */
export function resetPointOf(events: readonly HistoryEventLike[]): number | undefined {
  const failed = events.find((e) => isType(e, 'FAILED'));
  if (!failed) return undefined;
  const message = failed.workflowTaskFailedEventAttributes?.failure?.message ?? '';
  const named = /HistoryEvent\(id: (\d+)/.exec(message)?.[1];
  const before = named ? Number(named) : idOf(failed);
  const completions = events.filter((e) => isType(e, 'COMPLETED') && idOf(e) < before);
  const last = completions[completions.length - 1];
  return last ? idOf(last) : undefined;
}
