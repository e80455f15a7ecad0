import { useState } from 'react';
import { useNotify } from 'react-admin';

/**
 * Runs a dialog's action once at a time: `busy` while it runs, and the API's refusal shown as it
 * says it. Returns the action's result, or undefined when it was refused.
 */
export function useRefusalNotice() {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const run = async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    try {
      return await action();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
