import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';

/// A DOMPurify whose jsdom window is made on first use: most posts have no raw HTML, and their
/// article never needs one (see shared/render/trusted-html.ts).
///
/// On memory: jsdom tracks node iterators through WeakRefs, which keep their documents alive
/// until the current job ends. Many sanitizes in one synchronous loop therefore pile up (about
/// 20 KB or more each) and are all freed when the loop returns to the event loop; a host that
/// renders per request or per keystroke does not grow.
export function createLazyPurify(): DOMPurify {
  let real: DOMPurify | undefined;
  const instance = () => (real ??= createDOMPurify(new JSDOM('').window as unknown as Parameters<DOMPurify>[0]));
  return new Proxy({} as DOMPurify, {
    get(_target, key) {
      const value = instance()[key as keyof DOMPurify] as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(instance()) : value;
    },
    has(_target, key) {
      return key in instance();
    },
  });
}

let shared: DOMPurify | undefined;

/// The Node side's DOMPurify (CLI, publishing): one for the process, its window made on first use.
export function createNodePurify(): DOMPurify {
  shared ??= createLazyPurify();
  return shared;
}
