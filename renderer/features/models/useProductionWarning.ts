import { useEffect, useState } from 'react';
import { api } from '../../api/client';

/** Waits this long after the last change before asking the host (typing a name). */
const CHECK_DELAY_MS = 200;

/**
 * Whether registering `runId` as a version of the model `name` would put a worse model next to
 * production (the host's models.registerCheck). Nothing to check for a new model.
 */
export function useProductionWarning(runId: string, name: string): { warning: string | null; checking: boolean } {
  const key = runId && name ? `${runId}\u0000${name}` : '';
  const [answer, setAnswer] = useState<{ key: string; warning: string | null } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const t = setTimeout(() => {
      api
        .invoke('models.registerCheck', { runId, name })
        .then((r) => live && setAnswer({ key, warning: r.warning }))
        // The check is advice: when it cannot be read, registering is not held up.
        .catch(() => live && setAnswer({ key, warning: null }));
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, runId, name]);
  if (!key) return { warning: null, checking: false };
  return answer?.key === key ? { warning: answer.warning, checking: false } : { warning: null, checking: true };
}
