/// The sidebar: every post with its title, status, date and tags.
import type { PostSummary } from '../../../shared/api';

interface Props {
  posts: PostSummary[];
  selectedId: string | null;
  dirtyId: string | null;
  onSelect: (id: string) => void;
}

export function PostList({ posts, selectedId, dirtyId, onSelect }: Props) {
  // The message keeps the list's place, so the footer stays where it was.
  if (posts.length === 0) return <div className="post-list empty-list" role="status">No posts match.</div>;
  return (
    <ul className="post-list" role="listbox" aria-label="Posts">
      {posts.map((post) => (
        <li
          key={post.id}
          role="option"
          aria-selected={post.id === selectedId}
          className={post.id === selectedId ? 'post-item selected' : 'post-item'}
          data-post-id={post.id}
          tabIndex={0}
          onClick={() => onSelect(post.id)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              onSelect(post.id);
            }
          }}
        >
          <div className="post-item-title">
            {post.title}
            {post.id === dirtyId && <span className="dirty-dot" title="Unsaved changes" aria-label="unsaved" />}
          </div>
          <div className="post-item-meta">
            {/* A post whose front matter cannot be read has no known status; the line below says why. */}
            {post.problem ? <span className="status-pill status-problem" title={post.problem}>Status unknown</span> : <span className={`status-pill status-${post.status}`}>{post.status}</span>}
            {post.date && <span>{post.date.slice(0, 10)}</span>}
            {post.tags.slice(0, 3).map((tag) => (
              <span key={tag} className="tag">
                #{tag}
              </span>
            ))}
          </div>
          {post.problem && <div className="post-item-problem">{post.problem}</div>}
        </li>
      ))}
    </ul>
  );
}
