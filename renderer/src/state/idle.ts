/// Work that may wait for a pause: run when the page is idle, or after `timeoutMs` at the
/// latest. Returns a cancel function.
export function whenIdle(run: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, Math.min(timeoutMs, 50));
  return () => clearTimeout(handle);
}

/// Runs `run` once typing has paused for `quietMs` (and the page is idle), however many times
/// `poke` is called before that. Returns { poke, cancel }.
export function afterQuiet(run: () => void, quietMs: number, timeoutMs = 1000): { poke(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle: (() => void) | undefined;
  const cancel = () => {
    clearTimeout(timer);
    cancelIdle?.();
    timer = undefined;
    cancelIdle = undefined;
  };
  return {
    poke() {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        cancelIdle = whenIdle(() => {
          cancelIdle = undefined;
          run();
        }, timeoutMs);
      }, quietMs);
    },
    cancel,
  };
}
