/// The open post and what happens to it: opening (the latest click wins), creating, deleting,
/// restoring a revision, taking the version on disk, switching library. The open post is a
/// DocumentSession with what is derived from it (DocumentInfo) and the preview's feed.
import type { Backup, Revision } from '../../../shared/api';
import type { PreviewHandle } from '../components/Preview';
import type { EditorHandle } from '../components/EditorPane';
import { DocumentSession } from '../document';
import { studio } from '../studio';
import { DocumentInfo } from './document-info';
import { creatingStore, dialogStore, fail, noticeStore, problemStore } from './dialogs';
import { dropBackup, postsStore, readLibrary, refreshList } from './library';
import { loadPublishStates } from './publishing';
import { PreviewFeed } from './preview-feed';
import { createStore, storedStore, useStore } from './store';

export interface OpenPost {
  session: DocumentSession;
  info: DocumentInfo;
  preview: PreviewFeed;
}

export const openPostStore = createStore<OpenPost | null>(null);
export const lastOpenedStore = storedStore<string | null>('postwright.lastOpened', null);
/// The editor, set by App through EditorPane's ref.
export const editorRef: { current: EditorHandle | null } = { current: null };
/// The preview, for jumps that move both panes (the outline).
export const previewRef: { current: PreviewHandle | null } = { current: null };

/// The post asked for last: a slower earlier request must not replace it when it lands.
let wanted: string | null = null;

export const currentSession = (): DocumentSession | null => openPostStore.get()?.session ?? null;

function show(next: OpenPost | null): void {
  const before = openPostStore.get();
  if (before) {
    before.session.dispose();
    before.info.dispose();
    before.preview.dispose();
  }
  openPostStore.set(next);
  loadPublishStates(next?.session.id ?? null);
}

/// Shows a post; `recovered` overrides what is on disk (unsaved text from a backup).
export async function openPost(id: string, recovered?: string): Promise<void> {
  const current = currentSession();
  if (current?.id === id && recovered === undefined) return;
  wanted = id;
  if (current?.dirty) await current.save();
  try {
    const post = await studio.posts.get(id);
    if (wanted !== id) return;
    // While the post was read, the same post may have been opened by another call (start-up
    // and a click), and typed into: that text wins over the copy just read.
    const now = currentSession();
    if (now?.id === id && recovered === undefined) return;
    if (now?.dirty) await now.save();
    if (wanted !== id) return;
    const session = new DocumentSession(studio, id, post.text, post.hash, () => {
      void refreshList();
      loadPublishStates(id);
    });
    editorRef.current?.open(id, recovered ?? post.text);
    if (recovered !== undefined) session.edit(recovered);
    const carried = openPostStore.get()?.preview.getSnapshot() ?? null;
    show({ session, info: new DocumentInfo(session), preview: new PreviewFeed(session, carried) });
    lastOpenedStore.set(id);
    problemStore.set(null);
  } catch (error) {
    fail(error);
  }
}

/// Start-up and library switches: opens the preferred post, or the first.
export async function loadLibrary(preferred: string | null): Promise<void> {
  const list = await readLibrary();
  const first = list.find((post) => post.id === preferred) ?? list[0];
  // The writer may already have clicked a post while the library loaded: theirs wins.
  if (first && wanted === null) {
    await openPost(first.id);
    // Ready to write at once, unless the writer has already put the focus somewhere else.
    const active = document.activeElement;
    if (!active || active === document.body) editorRef.current?.focus();
  }
}

export async function switchLibrary(root: string): Promise<void> {
  await currentSession()?.save();
  await studio.library.open(root);
  show(null);
  wanted = null;
  await loadLibrary(null);
}

export async function createPost(title: string): Promise<void> {
  const post = await studio.posts.create({ title });
  creatingStore.set(false);
  await refreshList();
  await openPost(post.summary.id);
  editorRef.current?.focus();
}

export async function deletePost(): Promise<void> {
  const current = currentSession();
  if (!current) return;
  await current.save();
  const trashed = await studio.posts.delete(current.id);
  show(null);
  const list = await studio.posts.list();
  postsStore.set(list);
  if (list[0]) await openPost(list[0].id);
  noticeStore.set({
    text: `“${trashed.title}” moved to the trash.`,
    undo: () => {
      void studio.trash.restore(trashed.trashId).then(async (summary) => {
        noticeStore.set(null);
        await refreshList();
        await openPost(summary.id);
      }, fail);
    },
  });
}

export async function restoreRevision(revision: Revision): Promise<void> {
  const current = currentSession();
  if (!current) return;
  await current.save();
  await studio.revisions.restore(current.id, revision.id);
  const post = await studio.posts.get(current.id);
  current.adopt(post);
  editorRef.current?.replaceText(post.text);
  dialogStore.set(null);
  noticeStore.set({ text: `Restored the version from ${new Date(revision.at).toLocaleString()}. The text before it is kept in History.` });
}

/// The writer chose the version on disk over their unsaved text.
export async function takeTheirs(): Promise<void> {
  const current = currentSession();
  if (!current) return;
  const post = await studio.posts.get(current.id);
  current.adopt(post);
  editorRef.current?.replaceText(post.text);
}

/// Another window or program changed a post, or the list.
export function followOutsideChanges(): () => void {
  return studio.on('posts.changed', (change) => {
    void refreshList();
    const current = currentSession();
    if (change.id !== null && current?.id === change.id) {
      void current.outsideChange(change.hash).then((outcome) => {
        if (outcome === 'reloaded') editorRef.current?.open(current.id, current.currentText());
      }, fail);
    }
  });
}

export function recoverBackup(backup: Backup): void {
  dropBackup(backup);
  void openPost(backup.postId, backup.text);
}

export function useOpenPostId(): string | null {
  return useStore(openPostStore, (open) => open?.session.id ?? null);
}
