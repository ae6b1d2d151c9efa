/// The library: which folder is open, its posts, its preview stylesheet, and unsaved text
/// found at start-up (hot exit backups) waiting for the writer's decision.
import type { Backup, LibraryInfo, PostSummary } from '../../../shared/api';
import { studio } from '../studio';
import { fail } from './dialogs';
import { createStore } from './store';

export const libraryStore = createStore<LibraryInfo | null>(null);
export const postsStore = createStore<PostSummary[]>([]);
export const previewCssStore = createStore<string | null>(null);
export const backupsStore = createStore<Backup[]>([]);

export async function refreshList(): Promise<void> {
  try {
    postsStore.set(await studio.posts.list());
  } catch (error) {
    fail(error);
  }
}

/// Reads the open library; returns its posts.
export async function readLibrary(): Promise<PostSummary[]> {
  const [info, list, found] = await Promise.all([studio.library.info(), studio.posts.list(), studio.backups.list()]);
  libraryStore.set(info);
  postsStore.set(list);
  previewCssStore.set(await studio.library.previewCss().catch(() => null));
  const unsaved = [];
  for (const backup of found) {
    const onDisk = await studio.posts.get(backup.postId).catch(() => null);
    if (onDisk?.text === backup.text) await studio.backups.discard(backup.postId);
    else unsaved.push(backup);
  }
  backupsStore.set(unsaved);
  return list;
}

export function dropBackup(backup: Backup): void {
  backupsStore.set((list) => list.filter((item) => item !== backup));
}
