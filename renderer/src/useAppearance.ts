/// Light or dark (following the OS unless the writer chose), and the editor's type size and
/// line width, applied as CSS variables on the page. The choice lives in state/layout.ts.
import { useEffect, useState } from 'react';
import { appearanceStore, DEFAULT_APPEARANCE } from './state/layout';
import { useStore } from './state/store';

export type { Appearance, ThemeChoice } from './state/layout';
export { DEFAULT_APPEARANCE } from './state/layout';

export function useAppearance() {
  const appearance = useStore(appearanceStore);
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
  return { appearance, setAppearance: appearanceStore.set, dark, previewTheme, previewScale };
}
