import { messageOf } from '../message-of';
import { useState } from 'react';

interface Props {
  onCreate: (title: string) => Promise<void>;
  onCancel: () => void;
}

/// An inline title field: Enter creates the draft, Escape cancels.
export function NewPostForm({ onCreate, onCancel }: Props) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="new-post"
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim()) return setError('Give the post a title.');
        setBusy(true);
        onCreate(title.trim()).catch((failure: unknown) => {
          setError(messageOf(failure));
          setBusy(false);
        });
      }}
    >
      <input
        autoFocus
        aria-label="New post title"
        placeholder="Title of the new post"
        value={title}
        disabled={busy}
        onChange={(event) => {
          setTitle(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      />
      <div className="new-post-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Create
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && <p className="form-error">{error}</p>}
    </form>
  );
}
