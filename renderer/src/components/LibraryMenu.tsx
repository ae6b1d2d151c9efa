import { messageOf } from '../message-of';
import { useEffect, useState } from 'react';
import type { LibraryInfo } from '../../../shared/api';
import { studio } from '../studio';

/// The library's name; click to switch to a recent library or open another folder.
export function LibraryMenu({ library, onOpen }: { library: LibraryInfo | null; onOpen: (root: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<string[]>([]);
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) studio.library.recent().then(setRecent, () => setRecent([]));
  }, [open]);

  const choose = (root: string) => {
    onOpen(root).then(
      () => {
        setOpen(false);
        setFolder('');
        setError(null);
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  };

  return (
    <div className="library-menu">
      <button type="button" className="library-name" title={library?.root} aria-expanded={open} onClick={() => setOpen(!open)}>
        {library?.name ?? 'Library'} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="popover" role="menu">
          <div className="popover-label">Recent libraries</div>
          {recent.map((root) => (
            <button key={root} type="button" role="menuitem" className="popover-item" title={root} onClick={() => choose(root)} aria-current={root === library?.root}>
              {root}
            </button>
          ))}
          <form
            className="popover-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (folder.trim()) choose(folder.trim());
            }}
          >
            <input aria-label="Library folder" placeholder="/path/to/a/folder" value={folder} onChange={(event) => setFolder(event.target.value)} />
            <button type="submit" className="button">
              Open
            </button>
          </form>
          {error && <p className="form-error">{error}</p>}
        </div>
      )}
    </div>
  );
}
