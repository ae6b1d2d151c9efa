import type { PostPublishState } from '../../../shared/publish';
import { publishStatesStore } from '../state/publishing';
import { useStore } from '../state/store';

const LABELS: Record<PostPublishState['state'], string> = {
  'not-published': 'Not published',
  published: 'Published',
  changed: 'Changed since publish',
  queued: 'Queued',
  failed: 'Failed',
};

/// Where the open post stands on each target (state/publishing.ts keeps it current).
export function PublishState({ postId }: { postId: string }) {
  const shown = useStore(publishStatesStore);
  const states = shown.postId === postId ? shown.states : [];
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
