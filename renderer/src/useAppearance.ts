/// Light or dark (following the OS unless the writer chose), and the editor's type size and
/// line width, applied as CSS variables on the page.
import { useEffect, useState } from 'react';
import { useStoredState } from './useStoredState';

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

export function useAppearance() {
  const [stored, setAppearance] = useStoredState<Appearance>('postwright.appearance', DEFAULT_APPEARANCE);
  // Settings saved by an older version lack newer fields.
  const appearance = { ...DEFAULT_APPEARANCE, ...stored };
  const [systemDark, setSystemDark] = useState(() => window.matchMedia('(prefers-color-scheme: dark)').matches);

  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const dark = appearance.theme === 'dark' || (appearance.theme === 'system' && systemDark);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = dark ? 'dark' : 'light';
    root.style.setProperty('--editor-font-size', `${appearance.fontSize}px`);
    root.style.setProperty('--editor-measure', `${appearance.measure}ch`);
  }, [dark, appearance.fontSize, appearance.measure]);

  const previewTheme: 'light' | 'dark' = dark && !appearance.lightPreview ? 'dark' : 'light';
  // The preview's text grows and shrinks with the editor's, from the same default.
  const previewScale = appearance.fontSize / DEFAULT_APPEARANCE.fontSize;
  return { appearance, setAppearance, dark, previewTheme, previewScale };
}
