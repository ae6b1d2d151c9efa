import { currentSession } from '../state/session';
import { useDocumentStatus } from '../useDocument';

const retry = () => void currentSession()?.save();

/// Tells the writer, in a word, whether their text is safe on disk.
export function SaveState() {
  const doc = useDocumentStatus((status) => status);
  if (!doc) return null;
  if (doc.error) {
    return (
      <span className="save-state error" role="status" data-testid="save-state" title={doc.error}>
        Not saved: {doc.error}{' '}
        <button type="button" className="link-button" onClick={retry}>
          Try again
        </button>
      </span>
    );
  }
  const label = doc.saving ? 'Saving…' : doc.conflict ? 'Changed on disk' : doc.dirty ? 'Edited' : 'Saved';
  return (
    <span className={`save-state ${doc.dirty ? 'dirty' : 'clean'}`} role="status" data-testid="save-state">
      {label}
    </span>
  );
}
