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

/// Chromium's Prioritized Task Scheduling: `scheduler.postTask`, here at the default priority
/// (`user-visible`), which input and rendering go before.
type TaskScheduler = { postTask(run: () => void, options: { priority: 'user-visible'; signal: AbortSignal }): Promise<void> };

function taskScheduler(): TaskScheduler | null {
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  return typeof scheduler?.postTask === 'function' ? (scheduler as TaskScheduler) : null;
}

/// An error thrown where nobody awaits it, reported as an uncaught one would be.
function reportUncaught(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else
    setTimeout(() => {
      throw error;
    });
}

/// Long work done a slice at a time while the page is idle, so that a key pressed meanwhile
/// waits for one slice at most: `step` does some of the work, asking `more()` whether the
/// slice has time left, and returns true once all of it is done. Returns a cancel function.
///
/// The first slice waits for an idle moment (or `timeoutMs`). The next ones follow as tasks of
/// their own where the browser can post them (input and rendering still go first): an idle
/// callback asked for within an idle period waits for the next one, so idle callbacks alone
/// gave long work one slice per 50 ms, and tasks of background priority could wait behind any
/// stream of other tasks for longer than `timeoutMs`. A step that throws ends the work.
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
    const scheduler = continuing ? taskScheduler() : null;
    if (scheduler) {
      const controller = new AbortController();
      scheduler.postTask(() => slice(), { priority: 'user-visible', signal: controller.signal }).catch((error: unknown) => {
        // Rejected when cancelled, which is nothing to report.
        if (!controller.signal.aborted) reportUncaught(error);
      });
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
