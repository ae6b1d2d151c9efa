/// Which look the preview wears: the generic article, the library's preview.css, or a
/// target's snapshot (its CSS, wrappers and text changes). The blog's CSS goes into the
/// preview frame only; nothing of it reaches the app's page.
import type { ThemeLook } from '../../../shared/theme-look';
import { texturize, TEXTURIZE_SKIP } from '../../../shared/texturize';
import { studio } from '../studio';
import { createStore, storedStore } from '../state/store';

/// 'generic', 'library' (the generic article with the library's preview.css) or 'target:<name>'.
export type LookChoice = 'generic' | 'library' | `target:${string}`;

export const lookChoiceStore = storedStore<LookChoice>('postwright.previewLook', 'library');

export interface LookState {
  target: string | null;
  look: ThemeLook | null;
  busy: boolean;
  error: string | null;
}

export const lookStore = createStore<LookState>({ target: null, look: null, busy: false, error: null });

export function targetOf(choice: LookChoice): string | null {
  return choice.startsWith('target:') ? choice.slice('target:'.length) : null;
}

/// Shows the chosen look, reading the target's snapshot from disk (no network).
export function chooseLook(choice: LookChoice): void {
  lookChoiceStore.set(choice);
  const target = targetOf(choice);
  lookStore.set({ target, look: null, busy: target !== null, error: null });
  if (target === null) return;
  studio.themes.look(target).then(
    (look) => lookStore.get().target === target && lookStore.set({ target, look, busy: false, error: null }),
    (error: unknown) => lookStore.get().target === target && lookStore.set({ target, look: null, busy: false, error: messageOf(error) }),
  );
}

/// Reads the target's look from the blog again; the old snapshot stays shown if that fails.
export async function refreshLook(target: string, siteUrl: string | null): Promise<void> {
  lookStore.set((now) => ({ ...now, busy: true, error: null }));
  try {
    await studio.themes.refresh(target, siteUrl);
    const look = await studio.themes.look(target);
    if (lookStore.get().target === target) lookStore.set({ target, look, busy: false, error: null });
  } catch (error) {
    if (lookStore.get().target === target) lookStore.set((now) => ({ ...now, busy: false, error: messageOf(error) }));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/// Frame-only styles a blog look needs: the preview's own scroller keeps working inside the
/// blog's CSS, and a blog that sets no background shows white, as its readers see it.
const SKELETON = `html { background: #fff; color-scheme: light; }
html, body { height: 100%; }
body { margin: 0; }
.preview-scroll { height: 100%; overflow-y: auto; }`;

/// Puts the blog's CSS and page classes on the frame's document, or takes them off (null).
export function applyLook(doc: Document, look: ThemeLook | null): void {
  const generic = doc.head.querySelector<HTMLStyleElement>('style[data-look="generic"]');
  if (generic) generic.media = look ? 'not all' : '';
  doc.head.querySelectorAll('style[data-testid="blog-css"], style[data-look="skeleton"]').forEach((style) => style.remove());
  doc.documentElement.dataset.look = look ? 'blog' : 'generic';
  if (!look) return;
  const skeleton = doc.createElement('style');
  skeleton.dataset.look = 'skeleton';
  const blog = doc.createElement('style');
  blog.dataset.testid = 'blog-css';
  // textContent: the blog's CSS is text, whatever it holds, never markup.
  blog.textContent = look.css;
  doc.head.append(skeleton, blog);
  skeleton.textContent = SKELETON;
  doc.documentElement.className = look.htmlClass;
  doc.body.className = look.bodyClass;
}

/// Keeps the text under `root` the way WordPress shows it (curly quotes, dashes) as the
/// preview patches it; returns the function that stops.
export function keepTexturized(root: Element): () => void {
  const run = () => texturizeTree(root);
  run();
  const observer = new (root.ownerDocument.defaultView ?? window).MutationObserver(run);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}

function texturizeTree(root: Element): void {
  // Each block is texturized as WordPress does a paragraph: quotes turn by the text before them.
  let before = '';
  let block: Element | null = null;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (skipped(node, root)) continue;
    const owner = node.parentElement?.closest('p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th, dd, dt, figcaption') ?? null;
    if (owner !== block) [block, before] = [owner, ''];
    const shown = texturize(node.data, before);
    // Only a real change writes, so the observer's own writes settle at once.
    if (shown !== node.data) node.data = shown;
    before += shown;
  }
}

function skipped(node: Text, root: Element): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (TEXTURIZE_SKIP.has(el.localName) || el.classList.contains('katex')) return true;
  }
  return false;
}
