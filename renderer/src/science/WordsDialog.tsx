/// The library's words for numbered figures, tables, equations and the bibliography's heading:
/// a preset per language, or the blogger's own. Kept in the library's settings, so the preview,
/// `postwright render` and publishing all write them.
import { messageOf } from '../message-of';
import { useEffect, useRef, useState } from 'react';
import { DEFAULT_WORDS, type CrossWords } from '../../../shared/render/science/context';
import { presetOf, WORD_PRESETS } from '../../../shared/science-words';
import { Modal } from '../components/Modal';
import { useStore } from '../state/store';
import { libraryWordsStore, saveLibraryWords, wordsDialogStore } from './library-words';
import './DoiDialog.css';

const FIELDS: Array<[keyof CrossWords, string]> = [
  ['fig', 'Figure'],
  ['tbl', 'Table'],
  ['eq', 'Equation'],
  ['references', 'References heading'],
];

export function WordsDialogHost() {
  const open = useStore(wordsDialogStore);
  return open ? <WordsDialog onClose={() => wordsDialogStore.set(false)} /> : null;
}

export function WordsDialog({ onClose }: { onClose: () => void }) {
  const saved = useStore(libraryWordsStore);
  const [words, setWords] = useState<CrossWords>({ ...DEFAULT_WORDS, ...saved });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const preset = presetOf(words);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const save = async () => {
    const empty = FIELDS.find(([kind]) => words[kind].trim() === '');
    if (empty) return setError(`Give a word for “${empty[1]}”.`);
    setBusy(true);
    try {
      await saveLibraryWords(words);
      onClose();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };

  return (
    <Modal title="Words for figures and tables" onClose={onClose}>
      <form
        className="words-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="muted">How this library’s posts name numbered figures, tables and equations (“Figure 1”), and the heading of the bibliography. A post can still set its own with figureTitle, tableTitle, equationTitle or reference-section-title in its front matter.</p>
        <label className="field">
          Language
          <select
            ref={first}
            value={preset ?? 'custom'}
            onChange={(event) => {
              const chosen = WORD_PRESETS[event.target.value];
              if (chosen) setWords({ ...chosen.words });
              setError(null);
            }}
          >
            {Object.entries(WORD_PRESETS).map(([id, { label }]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
            <option value="custom" disabled>
              Your own words
            </option>
          </select>
        </label>
        <div className="words-grid">
          {FIELDS.map(([kind, label]) => (
            <label key={kind} className="field">
              {label}
              <input
                value={words[kind]}
                maxLength={40}
                onChange={(event) => {
                  setWords((now) => ({ ...now, [kind]: event.target.value }));
                  setError(null);
                }}
              />
            </label>
          ))}
        </div>
        <p className="muted words-example">
          {words.fig || '…'} 1, {words.tbl || '…'} 1, {words.eq || '…'} (1)
        </p>
        <div className="words-actions">
          <button type="submit" className="button primary" disabled={busy}>
            Save
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
