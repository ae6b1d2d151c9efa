/// The library column: which library, a new post, search, filters, and the posts.
import { memo } from 'react';
import { useDocumentStatus, useOpenPost, useOutline } from '../useDocument';
import { usePostBrowser, type SortOrder, type StatusFilter } from '../usePostBrowser';
import { creatingStore, dialogStore } from '../state/dialogs';
import { sidebarTabStore } from '../state/layout';
import { libraryStore, postsStore } from '../state/library';
import { createPost, editorRef, openPost, previewRef, switchLibrary } from '../state/session';
import { useStore } from '../state/store';
import { LibraryMenu } from './LibraryMenu';
import { NewPostForm } from './NewPostForm';
import { Outline } from './Outline';
import { PostList } from './PostList';
import { SearchResults } from './SearchResults';

const select = (id: string) => void openPost(id);
const jump = (line: number) => {
  editorRef.current?.revealLine(line);
  previewRef.current?.revealLine(line);
};
const stopCreating = () => creatingStore.set(false);

/// Reads the stores it shows and takes no props: typing in the editor changes none of them.
export const Sidebar = memo(function Sidebar() {
  const library = useStore(libraryStore);
  const tab = useStore(sidebarTabStore);
  return (
    <aside className="sidebar">
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
          {posts.length} {posts.length === 1 ? 'post' : 'posts'}
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
