import type { OutlineItem } from '../../../shared/outline';

/// The post's headings; a click brings the heading to the top of the editor and the preview.
export function Outline({ items, onJump }: { items: OutlineItem[]; onJump: (line: number) => void }) {
  if (items.length === 0) return <p className="empty-list">No headings yet. Start a line with ## to add one.</p>;
  const top = Math.min(...items.map((item) => item.level));
  return (
    <ul className="outline" aria-label="Outline">
      {items.map((item) => (
        <li key={`${item.line}`} style={{ paddingLeft: `${(item.level - top) * 14 + 10}px` }}>
          <button type="button" onClick={() => onJump(item.line)} className={`outline-h${item.level}`}>
            {item.text}
          </button>
        </li>
      ))}
    </ul>
  );
}
