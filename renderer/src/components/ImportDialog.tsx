/// Bring an existing blog in: from a connected WordPress target or an export file. Safe to
/// repeat; progress is shown and the import can be cancelled and resumed.
import { counted } from '../../../shared/counted';
import { messageOf } from '../message-of';
import { useEffect, useState } from 'react';
import type { EventOf } from '../../../shared/api';
import type { ImportSummary } from '../../../shared/import';
import type { TargetInfo } from '../../../shared/publish';
import { studio } from '../studio';
import { Modal } from './Modal';
import './ImportDialog.css';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const [targets, setTargets] = useState<TargetInfo[]>([]);
  const [target, setTarget] = useState('');
  const [progress, setProgress] = useState<EventOf<'import.progress'> | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    studio.targets.list().then((list) => {
      const importable = list.filter((info) => info.settings.kind !== 'image-host');
      setTargets(importable);
      setTarget(importable[0]?.settings.name ?? '');
    }, () => setTargets([]));
    return studio.on('import.progress', setProgress);
  }, []);

  const run = (start: () => Promise<ImportSummary>) => {
    setBusy(true);
    setError(null);
    setSummary(null);
    start().then(setSummary, (failure: unknown) => setError(messageOf(failure))).finally(() => setBusy(false));
  };

  return (
    <Modal title="Import posts" onClose={onClose}>
      <div className="publish-form">
        <p className="muted hint">Posts come in as markdown with their images, dates, tags and status. Importing again only brings what is new or changed, and never overwrites a post you edited here.</p>
        {targets.length > 0 && (
          <div className="row">
            <select aria-label="Blog to import from" value={target} onChange={(event) => setTarget(event.target.value)}>
              {targets.map(({ settings }) => (
                <option key={settings.name}>{settings.name}</option>
              ))}
            </select>
            <button type="button" className="button primary" disabled={busy || !target} onClick={() => run(() => studio.import.fromTarget(target))}>
              Import from this blog
            </button>
          </div>
        )}
        <label className="field">
          <span>{targets.length > 0 ? 'Or an export file' : 'An export file'} (WordPress .xml, Blogger .atom, Ghost .json)</span>
          <input
            className="file-picker"
            type="file"
            accept=".xml,.atom,.wxr,.json,application/xml,application/atom+xml,application/json"
            disabled={busy}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) run(async () => studio.import.fromFile({ name: file.name, text: await file.text() }));
              event.target.value = '';
            }}
          />
        </label>
        {busy && progress && (
          <div role="status" aria-label="Import progress">
            <div className="progress">
              <div style={{ width: progress.total ? `${Math.round((progress.done / progress.total) * 100)}%` : '30%' }} />
            </div>
            <div className="muted hint">
              {progress.done}
              {progress.total !== null && ` of ${progress.total}`}: {progress.title}
            </div>
          </div>
        )}
        {error && <p className="form-error" role="alert">{error}</p>}
        {summary && (
          // A finished import reads as done; what it could not bring is a warning under it, not an error.
          <div className={`publish-result ${summary.cancelled ? '' : 'success'}`} role="status" data-testid="import-result">
            {summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged{summary.cancelled && ' (cancelled: import again to continue)'}.
            {summary.conflicts.map((conflict) => (
              <div key={conflict.remoteId} className="result-warning">Changed here and on the blog, left as it is: {conflict.title}.</div>
            ))}
            {summary.failedImages.length > 0 && (
              <div className="result-warning">
                {counted(summary.failedImages.length, 'image')} could not be downloaded; those posts link to {summary.failedImages.length === 1 ? 'it' : 'them'} online.
              </div>
            )}
          </div>
        )}
        <div className="row dialog-actions">
          {busy && (
            <button type="button" className="button" onClick={() => void studio.import.cancel()}>
              Cancel import
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
