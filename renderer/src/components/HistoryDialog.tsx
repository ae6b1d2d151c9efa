/// Local history of one post: every kept revision, its difference from the text in the
/// editor, and a way to bring it back.
import { diffLines } from 'diff';
import { useEffect, useMemo, useState } from 'react';
import type { Revision } from '../../../shared/api';
import { studio } from '../studio';
import { Modal } from './Modal';

interface Props {
  postId: string;
  currentText: string;
  onRestore: (revision: Revision) => Promise<void>;
  onClose: () => void;
}

const REASONS: Record<Revision['reason'], string> = {
  save: 'Saved',
  publish: 'Published',
  restore: 'Restored',
  'outside-edit': 'Changed outside Postwright',
};

export function HistoryDialog({ postId, currentText, onRestore, onClose }: Props) {
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [selected, setSelected] = useState<Revision | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    studio.revisions.list(postId).then(
      (list) => {
        setRevisions(list);
        setSelected(list[0] ?? null);
      },
      (failure: unknown) => setError(String(failure instanceof Error ? failure.message : failure)),
    );
  }, [postId]);

  useEffect(() => {
    if (!selected) return;
    setText(null);
    studio.revisions.read(postId, selected.id).then(setText, (failure: unknown) => setError(String(failure instanceof Error ? failure.message : failure)));
  }, [postId, selected]);

  const parts = useMemo(() => (text === null ? [] : diffLines(text, currentText)), [text, currentText]);
  const same = parts.every((part) => !part.added && !part.removed);

  return (
    <Modal title="History" onClose={onClose} wide>
      {error && <p className="form-error">{error}</p>}
      <div className="history">
        <ul className="history-list" aria-label="Revisions">
          {revisions?.length === 0 && <li className="muted">No revisions yet: one is kept each time the post is saved.</li>}
          {revisions?.map((revision) => (
            <li key={revision.id}>
              <button type="button" aria-pressed={selected?.id === revision.id} onClick={() => setSelected(revision)}>
                <span className="history-time">{new Date(revision.at).toLocaleString()}</span>
                <span className="history-reason">
                  {REASONS[revision.reason]} · {formatBytes(revision.bytes)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="history-diff">
          <div className="history-diff-head">
            <span>
              <span className="legend removed">only in this revision</span> <span className="legend added">only in the editor now</span>
            </span>
            <button type="button" className="button primary" disabled={!selected || text === null || same} onClick={() => selected && void onRestore(selected)}>
              Restore this version
            </button>
          </div>
          <pre className="diff" data-testid="revision-diff">
            {text === null
              ? 'Loading…'
              : same
                ? 'This revision is the same as the text in the editor.'
                : parts.map((part, index) => (
                    <span key={index} className={part.added ? 'added' : part.removed ? 'removed' : 'same'}>
                      {part.value}
                    </span>
                  ))}
          </pre>
        </div>
      </div>
    </Modal>
  );
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
