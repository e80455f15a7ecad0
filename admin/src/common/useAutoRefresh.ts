import { useEffect } from 'react';
import { useRefresh } from 'react-admin';

/**
 * Refetches the page's data every few seconds while the tab is visible, so an operator sees a
 * process move on (a timer fired, the user registered) without pressing Refresh.
 */
export function useAutoRefresh(everyMs = 10_000): void {
  const refresh = useRefresh();
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, everyMs);
    return () => window.clearInterval(timer);
  }, [refresh, everyMs]);
}
