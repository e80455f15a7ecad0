// A request that waits for a process (to take a step, to record a mail as sent, to write a row)
// waits a bounded time (requestWaitsMs in domain/settings.ts) and then answers what it knows.
// `stopping` (the HTTP server's shutdown signal, server/http/graceful.ts) ends every such wait at
// once with that same answer, so a person gets it before the server closes their connection.

/** Resolves with `value` after `ms`, or at once when `stopping` aborts. */
export function waitOrStop<T>(ms: number, value: T, stopping?: AbortSignal): Promise<T> {
  return new Promise((resolve) => {
    if (stopping?.aborted) return resolve(value);
    const end = () => {
      clearTimeout(timer);
      stopping?.removeEventListener('abort', end);
      resolve(value);
    };
    const timer = setTimeout(end, Math.max(0, ms));
    timer.unref();
    stopping?.addEventListener('abort', end, { once: true });
  });
}

/**
 * Reads every 100 ms until `done` accepts the reading, `ms` have passed or the server is stopping,
 * and answers the last reading: a wait cut short answers as one that ran out.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (reading: T) => boolean | Promise<boolean>,
  ms: number,
  stopping?: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const reading = await read();
    if ((await done(reading)) || Date.now() >= deadline || stopping?.aborted) return reading;
    await waitOrStop(Math.min(100, deadline - Date.now()), undefined, stopping);
  }
}
