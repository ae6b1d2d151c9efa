import { counted } from '../../../shared/counted';
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

/// How the summary chip words a state shared by several blogs.
const SUMMARY: Record<PostPublishState['state'], string> = {
  'not-published': 'Not published on',
  published: 'Published on',
  changed: 'Changed since publish on',
  queued: 'Queued for',
  failed: 'Failed on',
};

const WORST: PostPublishState['state'][] = ['failed', 'queued', 'changed', 'not-published', 'published'];

/// One chip for several targets: the state they share, or the count of the most urgent one.
export function summarize(states: PostPublishState[]): { text: string; state: PostPublishState['state'] } {
  const kinds = new Set(states.map((s) => s.state));
  const blogs = (n: number) => counted(n, 'blog');
  const worst = WORST.find((state) => kinds.has(state)) ?? 'not-published';
  if (kinds.size === 1) return { text: `${SUMMARY[worst]} ${blogs(states.length)}`, state: worst };
  const count = states.filter((s) => s.state === worst).length;
  return { text: `${SUMMARY[worst]} ${blogs(count)} of ${states.length}`, state: worst };
}

/// Where the open post stands on each target (state/publishing.ts keeps it current). With
/// several targets, narrow windows show one summary chip instead (app.css decides by width).
export function PublishState({ postId }: { postId: string }) {
  const shown = useStore(publishStatesStore);
  const states = shown.postId === postId ? shown.states : [];
  if (states.length === 0) return null;
  const summary = states.length > 1 ? summarize(states) : null;
  const detail = states.map((state) => `${state.target}: ${LABELS[state.state]}${state.reason ? ` (${state.reason})` : ''}`).join('\n');
  return (
    <span className={`publish-states${summary ? ' several' : ''}`} data-testid="publish-state">
      {states.map((state) => (
        <span key={state.target} className={`publish-state state-${state.state}`} title={state.reason ?? state.url ?? ''}>
          {state.target}: {LABELS[state.state]}
        </span>
      ))}
      {summary && (
        <span className={`publish-state publish-summary state-${summary.state}`} title={detail}>
          {summary.text}
        </span>
      )}
    </span>
  );
}
