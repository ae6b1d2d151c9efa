/// The smallest store React can read with useSyncExternalStore: a value, a setter, and
/// listeners told only when the value really changed.
import { useSyncExternalStore } from 'react';

export interface Store<T> {
  get(): T;
  set(next: T | ((now: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T, onSet?: (value: T) => void): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      const resolved = typeof next === 'function' ? (next as (now: T) => T)(value) : next;
      if (Object.is(resolved, value)) return;
      value = resolved;
      onSet?.(value);
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/// A store kept per window in localStorage (layout and other preferences; never post text).
export function storedStore<T>(key: string, initial: T): Store<T> {
  let value = initial;
  try {
    const stored = localStorage.getItem(key);
    if (stored !== null) value = JSON.parse(stored) as T;
  } catch {
    // Unreadable or no storage: start from the default.
  }
  return createStore(value, (next) => {
    try {
      localStorage.setItem(key, JSON.stringify(next));
    } catch {
      // Storage full or disabled: the preference just is not remembered.
    }
  });
}

/// Reads `pick(store value)`; the component re-renders only when that part changes, so pick
/// must return a primitive or a value kept by reference in the store.
export function useStore<T, R = T>(store: Store<T>, pick: (value: T) => R = (value) => value as unknown as R): R {
  return useSyncExternalStore(store.subscribe, () => pick(store.get()));
}
