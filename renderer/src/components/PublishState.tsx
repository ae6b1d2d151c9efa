import { useEffect, useState } from 'react';
import type { PostPublishState } from '../../../shared/publish';
import { studio } from '../studio';

const LABELS: Record<PostPublishState['state'], string> = {
  'not-published': 'Not published',
  published: 'Published',
  changed: 'Changed since publish',
  queued: 'Queued',
  failed: 'Failed',
};

/// Where the open post stands on each target, refreshed after saves and publishes.
export function PublishState({ postId, version }: { postId: string; version: unknown }) {
  const [states, setStates] = useState<PostPublishState[]>([]);
  useEffect(() => {
    let stale = false;
    const load = () => studio.publish.status(postId).then((list) => !stale && setStates(list), () => !stale && setStates([]));
    void load();
    const stopOutbox = studio.on('outbox.changed', (entry) => entry.postId === postId && void load());
    return () => {
      stale = true;
      stopOutbox();
    };
  }, [postId, version]);
  if (states.length === 0) return null;
  return (
    <span className="publish-states" data-testid="publish-state">
      {states.map((state) => (
        <span key={state.target} className={`publish-state state-${state.state}`} title={state.reason ?? state.url ?? ''}>
          {state.target}: {LABELS[state.state]}
        </span>
      ))}
    </span>
  );
}
