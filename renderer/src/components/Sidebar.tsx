/// The library column: which library, a new post, search, filters, and the posts.
import { counted } from '../../../shared/counted';
import { memo, useCallback, useRef } from 'react';
import { useDismiss } from '../useDismiss';
import { useDocumentStatus, useOpenPost, useOutline } from '../useDocument';
import { usePostBrowser, type SortOrder, type StatusFilter } from '../usePostBrowser';
import { creatingStore, dialogStore } from '../state/dialogs';
import { sidebarOpenStore, sidebarTabStore } from '../state/layout';
import { libraryStore, postsStore } from '../state/library';
import { createPost, editorRef, openPost, previewRef, switchLibrary } from '../state/session';
import { useStore } from '../state/store';
import { LibraryMenu } from './LibraryMenu';
import { NewPostForm } from './NewPostForm';
import { Outline } from './Outline';
import { PostList } from './PostList';
import { SearchResults } from './SearchResults';

const select = (id: string) => {
  sidebarOpenStore.set(false);
  void openPost(id);
};
const closePanel = () => sidebarOpenStore.set(false);
const jump = (line: number) => {
  editorRef.current?.revealLine(line);
  previewRef.current?.revealLine(line);
};
const stopCreating = () => creatingStore.set(false);

/// Reads the stores it shows and takes no props: typing in the editor changes none of them.
export const Sidebar = memo(function Sidebar() {
  const library = useStore(libraryStore);
  const tab = useStore(sidebarTabStore);
  const open = useStore(sidebarOpenStore);
  const root = useRef<HTMLElement>(null);
  useDismiss(open, useCallback(closePanel, []), root);
  return (
    <aside className={`sidebar${open ? ' open' : ''}`} ref={root}>
      {/* Narrow windows (app.css) show this rail; the panel opens over the text. */}
      <div className="sidebar-rail">
        <button type="button" className="rail-button" aria-label="Posts" title="Posts" aria-expanded={open} onClick={() => sidebarOpenStore.set(!open)}>
          <svg viewBox="0 0 20 20" aria-hidden="true"><path d="M3 5h14M3 10h14M3 15h9" /></svg>
        </button>
        <button
          type="button"
          className="rail-button"
          aria-label="New post"
          title="New post"
          onClick={() => {
            sidebarOpenStore.set(true);
            creatingStore.set(true);
          }}
        >
          <svg viewBox="0 0 20 20" aria-hidden="true"><path d="M10 4v12M4 10h12" /></svg>
        </button>
      </div>
      <div className="sidebar-panel">
        <div className="sidebar-head">
          <LibraryMenu library={library} onOpen={switchLibrary} />
          <button type="button" className="button primary" onClick={() => creatingStore.set(true)} title="New post (Ctrl+N in the app)">
            New post
          </button>
        </div>
        <div className="sidebar-tabs" role="tablist" aria-label="Sidebar">
          <button type="button" role="tab" aria-selected={tab === 'posts'} onClick={() => sidebarTabStore.set('posts')}>
            Posts
          </button>
          <button type="button" role="tab" aria-selected={tab === 'outline'} onClick={() => sidebarTabStore.set('outline')}>
            Outline
          </button>
        </div>
        {tab === 'outline' ? <OutlineTab /> : <PostsTab />}
      </div>
    </aside>
  );
});

function OutlineTab() {
  return <Outline items={useOutline()} onJump={jump} />;
}

function PostsTab() {
  const posts = useStore(postsStore);
  const browser = usePostBrowser(posts);
  const creating = useStore(creatingStore);
  const selectedId = useOpenPost()?.session.id ?? null;
  const dirtyId = useDocumentStatus((status) => (status.dirty ? status.id : null));
  return (
    <>
      {creating && <NewPostForm onCreate={createPost} onCancel={stopCreating} />}
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
        <SearchResults hits={browser.hits} selectedId={selectedId} onSelect={select} />
      ) : (
        <PostList posts={browser.visible} selectedId={selectedId} dirtyId={dirtyId} onSelect={select} />
      )}
      <div className="sidebar-foot">
        <span className="muted">
          {counted(posts.length, 'post')}
        </span>
        <span className="row">
          <button type="button" className="link-button muted" onClick={() => dialogStore.set('import')}>
            Import
          </button>
          <button type="button" className="link-button muted" onClick={() => dialogStore.set('trash')}>
            Trash
          </button>
        </span>
      </div>
    </>
  );
}
