import type { Backup } from '../../../shared/api';
import { Modal } from './Modal';

/// After a crash: unsaved text was found from last time. Nothing is thrown away unasked.
export function RecoverDialog({ backups, titles, onRecover, onDiscard, onClose }: {
  backups: Backup[];
  titles: Map<string, string>;
  onRecover: (backup: Backup) => void;
  onDiscard: (backup: Backup) => void;
  onClose: () => void;
}) {
  return (
    <Modal title="Recover unsaved text" onClose={onClose}>
      <p>Postwright closed before this text was saved. Recover it to continue where you left off.</p>
      <ul className="trash-list" aria-label="Unsaved text">
        {backups.map((backup) => (
          <li key={backup.postId}>
            <div>
              <div className="trash-title">{titles.get(backup.postId) ?? backup.postId}</div>
              <div className="muted">Last typed {new Date(backup.savedAt).toLocaleString()}</div>
            </div>
            <div className="row">
              <button type="button" className="button primary" onClick={() => onRecover(backup)}>
                Recover
              </button>
              <button type="button" className="button" onClick={() => onDiscard(backup)}>
                Discard
              </button>
            </div>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
