/// Where the open post stands on each publishing target, reloaded after saves, publishes and
/// outbox changes.
import type { PostPublishState } from '../../../shared/publish';
import { studio } from '../studio';
import { dialogStore } from './dialogs';
import { createStore } from './store';

export const publishStatesStore = createStore<{ postId: string | null; states: PostPublishState[] }>({ postId: null, states: [] });

let wanted: string | null = null;
let asked = 0;

/// Loads the states of `postId` (null: no post open); an answer to an earlier ask is dropped,
/// so a slow one computed from the text before a publish cannot replace a newer one.
export function loadPublishStates(postId: string | null): void {
  wanted = postId;
  const ask = ++asked;
  if (postId === null) return publishStatesStore.set({ postId: null, states: [] });
  const latest = () => ask === asked && wanted === postId;
  studio.publish.status(postId).then(
    (states) => latest() && publishStatesStore.set({ postId, states }),
    () => latest() && publishStatesStore.set({ postId, states: [] }),
  );
}

/// Follows the outbox and the post's file (a publish writes its record there while the Publish
/// dialog is still open), and reloads when a dialog opens or closes (publishing, targets);
/// returns the unsubscribe function.
export function followPublishing(): () => void {
  const stopOutbox = studio.on('outbox.changed', (entry) => {
    if (entry.postId === wanted) loadPublishStates(wanted);
  });
  const stopPosts = studio.on('posts.changed', (change) => {
    if (change.id !== null && change.id === wanted) loadPublishStates(wanted);
  });
  const stopDialogs = dialogStore.subscribe(() => loadPublishStates(wanted));
  return () => {
    stopOutbox();
    stopPosts();
    stopDialogs();
  };
}
