import { useRef } from 'react';

/// The handle between editor and preview: drag to resize, arrow keys for the keyboard,
/// double-click to even the halves.
export function SplitDivider({ ratio, onChange }: { ratio: number; onChange: (ratio: number) => void }) {
  const dragging = useRef(false);
  const clamp = (value: number) => Math.min(0.8, Math.max(0.2, value));
  return (
    <div
      className="split-divider"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize editor and preview"
      aria-valuenow={Math.round(ratio * 100)}
      aria-valuemin={20}
      aria-valuemax={80}
      tabIndex={0}
      onDoubleClick={() => onChange(0.5)}
      onKeyDown={(event) => {
        if (event.key === 'ArrowLeft') onChange(clamp(ratio - 0.02));
        if (event.key === 'ArrowRight') onChange(clamp(ratio + 0.02));
      }}
      onPointerDown={(event) => {
        dragging.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
      }}
      onPointerMove={(event) => {
        if (!dragging.current) return;
        const panes = event.currentTarget.parentElement?.getBoundingClientRect();
        if (panes) onChange(clamp((event.clientX - panes.left) / panes.width));
      }}
      onPointerUp={() => (dragging.current = false)}
    />
  );
}
