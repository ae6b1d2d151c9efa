import { useCallback, useState } from 'react';

/// UI preferences kept per window in localStorage (layout, last post); never post text.
export function useStoredState<T>(key: string, initial: T): [T, (next: T | ((now: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = localStorage.getItem(key);
      return stored === null ? initial : (JSON.parse(stored) as T);
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T | ((now: T) => T)) => {
      setValue((now) => {
        const resolved = typeof next === 'function' ? (next as (now: T) => T)(now) : next;
        try {
          localStorage.setItem(key, JSON.stringify(resolved));
        } catch {
          // Storage full or disabled: the preference just is not remembered.
        }
        return resolved;
      });
    },
    [key],
  );
  return [value, set];
}
