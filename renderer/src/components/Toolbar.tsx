/// The bar above the text: the post's title, where it stands, its actions, the look and the
/// layout. Re-renders when one of those changes, never for a keystroke.
import { useAppearance } from '../useAppearance';
import { useDocumentFacts, useOpenPost } from '../useDocument';
import { dialogStore, fail } from '../state/dialogs';
import { detailsStore, layoutStore, type Layout } from '../state/layout';
import { deletePost } from '../state/session';
import { useStore } from '../state/store';
import { AppearanceMenu } from './AppearanceMenu';
import { PublishState } from './PublishState';
import { SaveState } from './SaveState';

const LAYOUTS: Layout[] = ['editor', 'split', 'preview'];

export function Toolbar() {
  const open = useOpenPost();
  const title = useDocumentFacts()?.title;
  const layout = useStore(layoutStore);
  const showDetails = useStore(detailsStore);
  const { appearance, setAppearance } = useAppearance();
  return (
    <div className="toolbar">
      <div className="toolbar-title">{title ?? 'No post open'}</div>
      {open && <PublishState postId={open.session.id} />}
      {open && <SaveState />}
      {open && (
        <div className="toolbar-actions">
          <button type="button" className="button" aria-pressed={showDetails} onClick={() => detailsStore.set(!showDetails)}>
            Details
          </button>
          <button type="button" className="button" onClick={() => dialogStore.set('history')}>
            History
          </button>
          <button type="button" className="button" onClick={() => void deletePost().catch(fail)}>
            Delete
          </button>
          <button type="button" className="button primary" onClick={() => dialogStore.set('publish')}>
            Publish
          </button>
        </div>
      )}
      <AppearanceMenu appearance={appearance} onChange={setAppearance} />
      <div className="segmented" role="group" aria-label="Layout">
        {LAYOUTS.map((value) => (
          <button key={value} type="button" aria-pressed={layout === value} onClick={() => layoutStore.set(value)}>
            {value === 'editor' ? 'Write' : value === 'split' ? 'Split' : 'Preview'}
          </button>
        ))}
      </div>
    </div>
  );
}
