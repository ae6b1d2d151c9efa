import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../useDismiss';
import type { Appearance, ThemeChoice } from '../useAppearance';
import { useStore } from '../state/store';
import { WRITING_FONTS, writingStore, type WritingPrefs } from '../state/writing';

/// Theme, writing font, type size and line width: the few knobs writers actually reach for.
export function AppearanceMenu({ appearance, onChange }: { appearance: Appearance; onChange: (next: Appearance) => void }) {
  const [open, setOpen] = useState(false);
  const writing = useStore(writingStore);
  const setWriting = (change: Partial<WritingPrefs>) => writingStore.set((now) => ({ ...now, ...change }));
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
          <div className="popover-label">Writing font</div>
          <div className="segmented font-choice" role="group" aria-label="Writing font">
            {WRITING_FONTS.map((font) => (
              <button key={font.id} type="button" className={`font-${font.id}`} aria-pressed={writing.font === font.id} onClick={() => setWriting({ font: font.id })}>
                {font.label}
              </button>
            ))}
          </div>
          <label className="check">
            <input type="checkbox" checked={writing.live} onChange={(event) => setWriting({ live: event.target.checked })} />
            Live mode: hide marks, draw images, math, tables
          </label>
          <label className="check">
            <input type="checkbox" checked={writing.smartTyping} onChange={(event) => setWriting({ smartTyping: event.target.checked })} />
            Smart quotes, dashes and ellipses
          </label>
          <label className="check">
            <input type="checkbox" checked={writing.autoPair} onChange={(event) => setWriting({ autoPair: event.target.checked })} />
            Close brackets, backticks and ** as you type
          </label>
          <label className="check">
            <input type="checkbox" checked={writing.formatBar} onChange={(event) => setWriting({ formatBar: event.target.checked })} />
            Formatting bar
          </label>
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
