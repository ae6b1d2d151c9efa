/// The library column: which library, a new post, search, filters, and the posts.
import { memo } from 'react';
import type { OutlineItem } from '../../../shared/outline';
import type { LibraryInfo, PostSummary } from '../../../shared/api';
import type { SortOrder, StatusFilter, usePostBrowser } from '../usePostBrowser';
import { LibraryMenu } from './LibraryMenu';
import { NewPostForm } from './NewPostForm';
import { Outline } from './Outline';
import { PostList } from './PostList';
import { SearchResults } from './SearchResults';

interface Props {
  library: LibraryInfo | null;
  browser: ReturnType<typeof usePostBrowser>;
  selectedId: string | null;
  dirtyId: string | null;
  creating: boolean;
  onCreating: (creating: boolean) => void;
  onCreate: (title: string) => Promise<void>;
  onSelect: (id: string) => void;
  onOpenLibrary: (root: string) => Promise<void>;
  onShowTrash: () => void;
  onImport: () => void;
  posts: PostSummary[];
  tab: 'posts' | 'outline';
  onTab: (tab: 'posts' | 'outline') => void;
  outline: OutlineItem[];
  onJump: (line: number) => void;
}

/// Memoised: typing in the editor changes none of its props.
export const Sidebar = memo(function Sidebar(props: Props) {
  return (
    <aside className="sidebar">
      <div className="sidebar-head">
        <LibraryMenu library={props.library} onOpen={props.onOpenLibrary} />
        <button type="button" className="button primary" onClick={() => props.onCreating(true)} title="New post (Ctrl+N in the app)">
          New post
        </button>
      </div>
      <div className="sidebar-tabs" role="tablist" aria-label="Sidebar">
        <button type="button" role="tab" aria-selected={props.tab === 'posts'} onClick={() => props.onTab('posts')}>
          Posts
        </button>
        <button type="button" role="tab" aria-selected={props.tab === 'outline'} onClick={() => props.onTab('outline')}>
          Outline
        </button>
      </div>
      {props.tab === 'outline' ? <Outline items={props.outline} onJump={props.onJump} /> : <PostsTab {...props} />}
    </aside>
  );
});

function PostsTab(props: Props) {
  const { browser } = props;
  return (
    <>
      {props.creating && <NewPostForm onCreate={props.onCreate} onCancel={() => props.onCreating(false)} />}
      <input
        className="search"
        type="search"
        placeholder="Search posts"
        aria-label="Search posts"
        value={browser.query}
        onChange={(event) => browser.setQuery(event.target.value)}
      />
      <div className="filters">
        <select aria-label="Status" value={browser.status} onChange={(event) => browser.setStatus(event.target.value as StatusFilter)}>
          <option value="all">All</option>
          <option value="draft">Drafts</option>
          <option value="published">Published</option>
          <option value="scheduled">Scheduled</option>
        </select>
        <select aria-label="Tag" value={browser.tag} onChange={(event) => browser.setTag(event.target.value)}>
          <option value="">Any tag</option>
          {browser.tags.map((tag) => (
            <option key={tag} value={tag}>
              #{tag}
            </option>
          ))}
        </select>
        <select aria-label="Sort" value={browser.sort} onChange={(event) => browser.setSort(event.target.value as SortOrder)}>
          <option value="newest">Newest</option>
          <option value="oldest">Oldest</option>
          <option value="title">Title</option>
        </select>
      </div>
      {browser.searchError && <p className="form-error sidebar-error">{browser.searchError}</p>}
      {browser.hits ? (
        <SearchResults hits={browser.hits} selectedId={props.selectedId} onSelect={props.onSelect} />
      ) : (
        <PostList posts={browser.visible} selectedId={props.selectedId} dirtyId={props.dirtyId} onSelect={props.onSelect} />
      )}
      <div className="sidebar-foot">
        <span className="muted">
          {props.posts.length} {props.posts.length === 1 ? 'post' : 'posts'}
        </span>
        <span className="row">
          <button type="button" className="link-button muted" onClick={props.onImport}>
            Import
          </button>
          <button type="button" className="link-button muted" onClick={props.onShowTrash}>
            Trash
          </button>
        </span>
      </div>
    </>
  );
}
