import { createRequire } from 'node:module';
import path from 'node:path';
import createDOMPurify, { type DOMPurify } from 'dompurify';

/// A DOMPurify whose jsdom window is made on first use: most posts have no raw HTML, and their
/// article never needs one (see shared/render/trusted-html.ts). jsdom itself is loaded then
/// too: loading it costs tens of megabytes and most of a second, which `postwright render`
/// of a plain post should not pay.
///
/// On memory: jsdom tracks node iterators through WeakRefs, which keep their documents alive
/// until the current job ends. Many sanitizes in one synchronous loop therefore pile up (about
/// 20 KB or more each) and are all freed when the loop returns to the event loop; a host that
/// renders per request or per keystroke does not grow.
export function createLazyPurify(): DOMPurify {
  let real: DOMPurify | undefined;
  const instance = () => (real ??= createDOMPurify(newWindow() as unknown as Parameters<DOMPurify>[0]));
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

function newWindow(): unknown {
  // The app's bundles are CommonJS and the tests' loader defines __filename too; the bench's ESM
  // bundle has none, and resolves jsdom from the project it runs in.
  const load = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json'));
  const { JSDOM } = load('jsdom') as typeof import('jsdom');
  return new JSDOM('').window;
}

let shared: DOMPurify | undefined;

/// The Node side's DOMPurify (CLI, publishing): one for the process, its window made on first use.
export function createNodePurify(): DOMPurify {
  shared ??= createLazyPurify();
  return shared;
}
