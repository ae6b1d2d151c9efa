/// Where the open post stands on each publishing target, reloaded after saves, publishes and
/// outbox changes.
import type { PostPublishState } from '../../../shared/publish';
import { studio } from '../studio';
import { dialogStore } from './dialogs';
import { createStore } from './store';

export const publishStatesStore = createStore<{ postId: string | null; states: PostPublishState[] }>({ postId: null, states: [] });

let wanted: string | null = null;

/// Loads the states of `postId` (null: no post open); a slower earlier answer is dropped.
export function loadPublishStates(postId: string | null): void {
  wanted = postId;
  if (postId === null) return publishStatesStore.set({ postId: null, states: [] });
  studio.publish.status(postId).then(
    (states) => wanted === postId && publishStatesStore.set({ postId, states }),
    () => wanted === postId && publishStatesStore.set({ postId, states: [] }),
  );
}

/// Follows the outbox, and reloads when a dialog opens or closes (publishing, targets);
/// returns the unsubscribe function.
export function followPublishing(): () => void {
  const stopOutbox = studio.on('outbox.changed', (entry) => {
    if (entry.postId === wanted) loadPublishStates(wanted);
  });
  const stopDialogs = dialogStore.subscribe(() => loadPublishStates(wanted));
  return () => {
    stopOutbox();
    stopDialogs();
  };
}
