/// Layout and appearance: which panes show, where the split sits, the sidebar's tab, the
/// details panel, and the look of the editor. Kept per window.
import { createStore, storedStore, useStore } from './store';

export type Layout = 'split' | 'editor' | 'preview';
export type SidebarTab = 'posts' | 'outline';
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Appearance {
  theme: ThemeChoice;
  fontSize: number;
  /// Characters per line in the editor.
  measure: number;
  /// Only the paragraph being written is at full strength; the sidebar and toolbar step back.
  focus: boolean;
  /// The line being written stays in the middle of the window.
  typewriter: boolean;
  /// The preview stays light in the dark theme, as most readers see the blog.
  lightPreview: boolean;
}

export const DEFAULT_APPEARANCE: Appearance = { theme: 'system', fontSize: 15, measure: 72, focus: false, typewriter: false, lightPreview: false };

export const layoutStore = storedStore<Layout>('postwright.layout', 'split');
export const splitStore = storedStore('postwright.split', 0.5);
export const detailsStore = storedStore('postwright.details', false);
/// Whether the sidebar's panel is open over the text; only narrow windows fold it to a rail.
export const sidebarOpenStore = createStore(false);
export const sidebarTabStore = storedStore<SidebarTab>('postwright.sidebarTab', 'posts');
const storedAppearance = storedStore<Appearance>('postwright.appearance', DEFAULT_APPEARANCE);
// Settings saved by an older version lack newer fields.
storedAppearance.set((now) => ({ ...DEFAULT_APPEARANCE, ...now }));
export const appearanceStore = storedAppearance;

/// The layout as shown: focus mode shows the editor alone whatever the layout says.
export function useShownLayout(): Layout {
  const layout = useStore(layoutStore);
  const focus = useStore(appearanceStore, (appearance) => appearance.focus);
  return focus ? 'editor' : layout;
}
