import type { SearchHit } from '../../../shared/api';

/// Search hits with the matched words highlighted in a short excerpt.
export function SearchResults({ hits, selectedId, onSelect }: { hits: SearchHit[]; selectedId: string | null; onSelect: (id: string) => void }) {
  // The message keeps the list's place, so the footer stays where it was.
  if (hits.length === 0) return <div className="post-list empty-list" role="status">Nothing found.</div>;
  return (
    <ul className="post-list" role="listbox" aria-label="Posts">
      {hits.map(({ summary, snippet }) => (
        <li
          key={summary.id}
          role="option"
          aria-selected={summary.id === selectedId}
          className={summary.id === selectedId ? 'post-item selected' : 'post-item'}
          tabIndex={0}
          onClick={() => onSelect(summary.id)}
          onKeyDown={(event) => event.key === 'Enter' && onSelect(summary.id)}
        >
          <div className="post-item-title">{summary.title}</div>
          <div className="post-item-snippet">
            {snippet.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
          </div>
        </li>
      ))}
    </ul>
  );
}
