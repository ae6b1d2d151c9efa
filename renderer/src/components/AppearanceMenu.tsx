import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../useDismiss';
import type { Appearance, ThemeChoice } from '../useAppearance';

/// Theme, type size and line width: the few knobs writers actually reach for.
export function AppearanceMenu({ appearance, onChange }: { appearance: Appearance; onChange: (next: Appearance) => void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useDismiss(open, useCallback(() => setOpen(false), []), root);
  return (
    <div className="appearance-menu" ref={root}>
      <button type="button" className="button" aria-expanded={open} aria-label="Appearance" title="Appearance" onClick={() => setOpen(!open)}>
        Aa
      </button>
      {open && (
        <div className="popover right" role="dialog" aria-label="Appearance">
          <div className="popover-label">Theme</div>
          <div className="segmented" role="group" aria-label="Theme">
            {(['system', 'light', 'dark'] as ThemeChoice[]).map((theme) => (
              <button key={theme} type="button" aria-pressed={appearance.theme === theme} onClick={() => onChange({ ...appearance, theme })}>
                {theme === 'system' ? 'Auto' : theme === 'light' ? 'Light' : 'Dark'}
              </button>
            ))}
          </div>
          <label className="check">
            <input type="checkbox" checked={appearance.lightPreview} onChange={(event) => onChange({ ...appearance, lightPreview: event.target.checked })} />
            Light preview, as readers see it
          </label>
          <label className="check">
            <input type="checkbox" checked={appearance.focus} onChange={(event) => onChange({ ...appearance, focus: event.target.checked })} />
            Focus mode <kbd>Ctrl+Shift+F</kbd>
          </label>
          <label className="check">
            <input type="checkbox" checked={appearance.typewriter} onChange={(event) => onChange({ ...appearance, typewriter: event.target.checked })} />
            Typewriter scrolling
          </label>
          <label className="range">
            <span>Text size {appearance.fontSize}px</span>
            <input type="range" min={12} max={24} value={appearance.fontSize} onChange={(event) => onChange({ ...appearance, fontSize: Number(event.target.value) })} />
          </label>
          <label className="range">
            <span>Line width {appearance.measure} characters</span>
            <input type="range" min={50} max={120} step={2} value={appearance.measure} onChange={(event) => onChange({ ...appearance, measure: Number(event.target.value) })} />
          </label>
        </div>
      )}
    </div>
  );
}
