/// Which look the preview wears: the generic article, the library's preview.css, or a
/// target's snapshot (its CSS, wrappers and text changes). The blog's CSS goes into the
/// preview frame only; nothing of it reaches the app's page.
import { messageOf } from '../message-of';
import type { ThemeLook } from '../../../shared/theme-look';
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
