const tails = new Map<string, Promise<unknown>>();

/**
 * Runs work for a key only after the previous work for the same key has finished (in this
 * process). Log-in attempts use it so a burst of parallel guesses cannot all pass the throttle
 * check before the first failure is counted.
 */
export function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const mine = previous.then(work, work);
  const tail = mine.catch(() => undefined);
  tails.set(key, tail);
  // Forget the key once nothing is queued behind this attempt, so the map does not grow forever.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return mine;
}
