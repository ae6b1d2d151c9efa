/// "Add a source by DOI": paste a DOI, Postwright looks it up and adds the entry to the post's
/// bibliography (or the library's), shows the reference, and cites it at the cursor.
import { messageOf } from '../message-of';
import { useEffect, useRef, useState } from 'react';
import type { AddedSource } from '../../../shared/api';
import { parseFrontMatterData, splitPostFile } from '../../../shared/frontmatter';
import { Modal } from '../components/Modal';
import { currentSession, editorRef } from '../state/session';
import { useStore } from '../state/store';
import { studio } from '../studio';
import { doiDialogStore } from './doi-dialog';
import { refsOf } from './useScience';
import './DoiDialog.css';

export function DoiDialogHost() {
  const open = useStore(doiDialogStore);
  return open ? <DoiDialog onClose={() => doiDialogStore.set(false)} /> : null;
}

/// Puts `[@key]` where the cursor was, and the cursor after it.
function citeAtCursor(key: string): boolean {
  const view = editorRef.current?.view();
  if (!view) return false;
  const { from, to } = view.state.selection.main;
  const text = `[@${key}]`;
  view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length }, scrollIntoView: true });
  return true;
}

export function DoiDialog({ onClose }: { onClose: () => void }) {
  const [doi, setDoi] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<(AddedSource & { cited: boolean }) | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // After the Modal's own effect has focused its box (a parent's effects run after its children's).
  useEffect(() => field.current?.focus(), []);

  const add = async () => {
    if (!doi.trim()) return setError('Paste a DOI first, like 10.1038/nature12373.');
    setBusy(true);
    setError(null);
    const session = currentSession();
    const text = editorRef.current?.view()?.state.doc.toString() ?? session?.currentText() ?? '';
    const bibliography = session ? refsOf(parseFrontMatterData(splitPostFile(text).frontMatter).data).bibliography : [];
    try {
      const result = await studio.science.addDoi({ doi, postId: session?.id ?? null, bibliography });
      setAdded({ ...result, cited: session ? citeAtCursor(result.key) : false });
      setDoi('');
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Add a source by DOI" onClose={onClose}>
      <form
        className="doi-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label className="field">
          DOI
          <input
            ref={field}
            value={doi}
            disabled={busy}
            placeholder="10.1038/nature12373 or https://doi.org/…"
            spellCheck={false}
            onChange={(event) => {
              setDoi(event.target.value);
              setError(null);
            }}
          />
        </label>
        <div className="doi-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Looking it up…' : 'Add'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {added ? 'Done' : 'Cancel'}
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
      {added && (
        <section className="doi-added" aria-label="Added source" aria-live="polite">
          <p className="doi-message">{added.message}</p>
          {added.reference && <p className="doi-reference">{added.reference}</p>}
          <p className="muted">
            {added.cited ? 'Cited at the cursor as ' : 'Cite it as '}
            <code>[@{added.key}]</code>
          </p>
        </section>
      )}
      <p className="muted doi-note">Looked up at doi.org (Crossref, DataCite). Nothing is added when the lookup fails.</p>
    </Modal>
  );
}
