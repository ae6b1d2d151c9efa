/// What the sidebar shows: the posts filtered by status and tag and sorted, or, while the
/// writer types a query, full-text search hits from the library index.
import { messageOf } from './message-of';
import { useEffect, useMemo, useState } from 'react';
import type { PostStatus, PostSummary, SearchHit } from '../../shared/api';
import { studio } from './studio';
import { useStoredState } from './useStoredState';

export type StatusFilter = 'all' | PostStatus;
export type SortOrder = 'newest' | 'oldest' | 'title';

export function usePostBrowser(posts: PostSummary[]) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useStoredState<StatusFilter>('postwright.filter.status', 'all');
  const [tag, setTag] = useState('');
  const [sort, setSort] = useStoredState<SortOrder>('postwright.sort', 'newest');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);

  useEffect(() => {
    if (!query.trim()) {
      setHits(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      studio.posts.search({ query, status: status === 'all' ? undefined : status, tag: tag || undefined }).then(
        (found) => {
          if (!stale) {
            setHits(found);
            setSearchError(null);
          }
        },
        (failure: unknown) => !stale && setSearchError(messageOf(failure)),
      );
    }, 60);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, status, tag, posts]);

  const visible = useMemo(() => {
    const kept = posts.filter((post) => (status === 'all' || post.status === status) && (!tag || post.tags.includes(tag)));
    // Posts of the same day follow the order they were written in (file time), so a new
    // post is not sorted under older ones by its title.
    const byDate = (a: PostSummary, b: PostSummary) => (a.date ?? '').localeCompare(b.date ?? '') || a.modifiedMs - b.modifiedMs || b.title.localeCompare(a.title);
    if (sort === 'title') return kept.sort((a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }));
    return kept.sort((a, b) => (sort === 'newest' ? byDate(b, a) : byDate(a, b)));
  }, [posts, status, tag, sort]);

  const tags = useMemo(() => [...new Set(posts.flatMap((post) => post.tags))].sort((a, b) => a.localeCompare(b)), [posts]);

  // One object per change, so the sidebar can skip re-rendering while the writer types.
  return useMemo(
    () => ({ query, setQuery, status, setStatus, tag, setTag, sort, setSort, hits, searchError, visible, tags }),
    [query, status, setStatus, tag, sort, setSort, hits, searchError, visible, tags],
  );
}
