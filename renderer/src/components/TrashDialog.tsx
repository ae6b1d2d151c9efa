import { messageOf } from '../message-of';
import { useEffect, useState } from 'react';
import type { TrashedPost } from '../../../shared/api';
import { studio } from '../studio';
import { Modal } from './Modal';

/// Deleted posts wait in the library's trash until restored.
export function TrashDialog({ onRestored, onClose }: { onRestored: (postId: string) => void; onClose: () => void }) {
  const [items, setItems] = useState<TrashedPost[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    studio.trash.list().then(setItems, (failure: unknown) => setError(messageOf(failure)));
  }, []);
  return (
    <Modal title="Trash" onClose={onClose}>
      {error && <p className="form-error">{error}</p>}
      {items?.length === 0 && <p className="muted">The trash is empty.</p>}
      <ul className="trash-list" aria-label="Deleted posts">
        {items?.map((item) => (
          <li key={item.trashId}>
            <div>
              <div className="trash-title">{item.title}</div>
              <div className="muted">Deleted {new Date(item.deletedAt).toLocaleString()}</div>
            </div>
            <button
              type="button"
              className="button"
              onClick={() => {
                studio.trash.restore(item.trashId).then(
                  (summary) => onRestored(summary.id),
                  (failure: unknown) => setError(messageOf(failure)),
                );
              }}
            >
              Restore
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
