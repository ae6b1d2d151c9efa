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

// The longest slice of idle work.
const SLICE_MS = 8;

/// Chromium's Prioritized Task Scheduling: a task of `background` priority runs when nothing
/// more urgent (input, rendering, other tasks) is waiting.
type BackgroundScheduler = { postTask(run: () => void, options: { priority: 'background'; signal: AbortSignal }): Promise<void> };

function backgroundScheduler(): BackgroundScheduler | null {
  const scheduler = (globalThis as { scheduler?: Partial<BackgroundScheduler> }).scheduler;
  return typeof scheduler?.postTask === 'function' ? (scheduler as BackgroundScheduler) : null;
}

/// Long work done a slice at a time while the page is idle, so that a key pressed meanwhile
/// waits for one slice at most: `step` does some of the work, asking `more()` whether the
/// slice has time left, and returns true once all of it is done. Returns a cancel function.
///
/// The first slice waits for an idle moment (or `timeoutMs`). The next ones follow as tasks of
/// background priority where the browser has them: an idle callback asked for within an idle
/// period waits for the next one, so idle callbacks alone gave long work one slice per 50 ms.
export function inIdleSlices(step: (more: () => boolean) => boolean, timeoutMs: number): () => void {
  let cancel = (): void => {};
  let stopped = false;
  const slice = (deadline?: IdleDeadline) => {
    if (stopped) return;
    const started = performance.now();
    // Never longer than a slice, even in a long idle period (up to 50 ms): a key pressed in
    // it waits for the slice to end.
    const more = () => performance.now() - started < SLICE_MS && (!deadline || deadline.didTimeout || deadline.timeRemaining() > 1);
    if (!step(more)) next(true);
  };
  const next = (continuing: boolean) => {
    const scheduler = continuing ? backgroundScheduler() : null;
    if (scheduler) {
      const controller = new AbortController();
      // Rejected when cancelled: nothing to report.
      scheduler.postTask(() => slice(), { priority: 'background', signal: controller.signal }).catch(() => {});
      cancel = () => controller.abort();
    } else if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(slice, { timeout: timeoutMs });
      cancel = () => cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(slice, 0);
      cancel = () => clearTimeout(handle);
    }
  };
  next(false);
  return () => {
    stopped = true;
    cancel();
  };
}
