import { useSyncExternalStore } from 'react';

/** Below this width the navigation folds to icons unless the user chose otherwise. */
export const NARROW_QUERY = '(max-width: 1100px)';

const subscribe = (onChange: () => void) => {
  const mq = window.matchMedia(NARROW_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
};

/** Whether the window is narrow, following it as it is resized. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW_QUERY).matches);
}
