/// Publish the open post: pick the target and status, see exactly what will be sent, follow
/// the upload, and get the link, or a clear reason, or the remote's edits to decide on.
import { messageOf } from '../message-of';
import { diffLines } from 'diff';
import { useEffect, useState } from 'react';
import type { PublishOutcome } from '../../../shared/api';
import { parsePostFile } from '../../../shared/frontmatter';
import type { OutboxEntry, PublishOptions, PublishPreview, PublishProgress, PublishStatus, TargetInfo } from '../../../shared/publish';
import { studio } from '../studio';
import { DetailsPanel } from './DetailsPanel';
import { Modal } from './Modal';
import { PublishImages, sizeOf, type Sending } from './PublishImages';

interface Props {
  postId: string;
  text: string;
  /// Save the editor's text first: what is published is what is on disk.
  save: () => Promise<void>;
  /// The post's details (title, tags, categories, excerpt, cover, slug, canonical URL) are
  /// edited right here, written back into the front matter through the editor.
  onChangeText: (text: string) => void;
  onManageTargets: () => void;
  onClose: () => void;
}

/// The last image list worked out, so the dialog opened again on the same text shows it at once
/// while the dry run (answered from main's cache when nothing changed) confirms it.
let lastList: { postId: string; target: string; text: string; assets: PublishPreview['assets'] } | null = null;
const listFor = (postId: string, target: string, text: string) =>
  lastList?.postId === postId && lastList.target === target && lastList.text === text ? lastList.assets : null;

export function PublishDialog({ postId, text, save, onChangeText, onManageTargets, onClose }: Props) {
  const [targets, setTargets] = useState<TargetInfo[] | null>(null);
  const [target, setTarget] = useState(() => (lastList?.postId === postId ? lastList.target : ''));
  const [status, setStatus] = useState<PublishStatus>(() => (parsePostFile(text).data.status as PublishStatus) ?? 'draft');
  const [preview, setPreview] = useState<PublishPreview | null>(null);
  const [progress, setProgress] = useState<PublishProgress | null>(null);
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    studio.targets.list().then((list) => {
      setTargets(list);
      setTarget((now) => (list.some((info) => info.settings.name === now) ? now : list[0]?.settings.name || ''));
    }, (failure: unknown) => setError(messageOf(failure)));
  }, []);

  const [sending, setSending] = useState<Sending>({});
  useEffect(
    () =>
      studio.on('publish.progress', (event) => {
        if (event.postId !== postId) return;
        const step = event.progress;
        setProgress(step);
        if (step.phase === 'uploading') setSending((now) => ({ ...now, [step.file]: { sent: step.sent, bytes: step.bytes } }));
      }),
    [postId],
  );

  // The images this target will get, worked out (prepared, not sent) when the dialog opens, the
  // target changes, or a publish ends.
  const [images, setImages] = useState<PublishPreview['assets'] | null>(() => listFor(postId, target, text));
  const [imagesError, setImagesError] = useState<string | null>(null);
  useEffect(() => {
    if (!target) return;
    let current = true;
    setImages(outcome ? null : listFor(postId, target, text));
    setImagesError(null);
    save()
      .then(() => studio.publish.run({ postId, target, options: { dryRun: true } }))
      .then(
        (result) => {
          if (!current || result.kind !== 'preview') return;
          lastList = { postId, target, text, assets: result.preview.assets };
          setImages(result.preview.assets);
        },
        (failure: unknown) => current && setImagesError(messageOf(failure)),
      );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `save` changes identity on every render
  }, [postId, target, outcome]);

  // What this account may not publish there (a WordPress role without unfiltered_html), said before publishing.
  const [cautions, setCautions] = useState<string[]>([]);
  const targetSettings = targets?.find((info) => info.settings.name === target)?.settings;
  const targetKind = targetSettings?.kind;
  const mathMode = targetSettings && 'math' in targetSettings ? targetSettings.math : undefined;
  useEffect(() => {
    setCautions([]);
    if (targetKind !== 'wordpress') return;
    let live = true;
    studio.targets.test(target).then((answer) => live && setCautions(answer.warnings ?? []), () => undefined);
    return () => {
      live = false;
    };
  }, [target, targetKind, mathMode]);

  // "Publish math as images": the target's formulas go out as images from now on (math-images.ts).
  const switchToMathImages = async (): Promise<boolean> => {
    if (!targetSettings || targetSettings.kind === 'image-host') return false;
    try {
      await studio.targets.update(target, { settings: { ...targetSettings, math: 'images' } });
      setTargets(await studio.targets.list());
      return true;
    } catch (failure) {
      setError(messageOf(failure));
      return false;
    }
  };

  // Publishes of this post waiting in the outbox (offline, server trouble), with a way out.
  const [queued, setQueued] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    const load = () => studio.publish.outbox().then((entries) => setQueued(entries.filter((entry) => entry.postId === postId)), () => setQueued([]));
    void load();
    return studio.on('outbox.changed', () => void load());
  }, [postId, outcome]);

  const run = async (options: PublishOptions) => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    setProgress(null);
    setSending({});
    try {
      await save();
      const result = await studio.publish.run({ postId, target, options: { status, ...options } });
      if (result.kind === 'preview') setPreview(result.preview);
      else setOutcome(result);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  if (targets?.length === 0) {
    return (
      <Modal title="Publish" onClose={onClose}>
        <p>Add your blog as a target first: WordPress, Ghost, Blogger, or a Hugo or Jekyll site in git.</p>
        <div className="row dialog-actions">
          <button type="button" className="button primary" onClick={onManageTargets}>
            Add a target
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title="Publish" onClose={onClose} wide={preview !== null}>
      <div className="publish-form">
        <div className="details-row">
          <label className="field">
            <span>Target</span>
            <select value={target} onChange={(event) => setTarget(event.target.value)}>
              {targets?.map(({ settings }) => (
                <option key={settings.name} value={settings.name}>
                  {settings.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Status</span>
            <select value={status} onChange={(event) => setStatus(event.target.value as PublishStatus)}>
              <option value="draft">Draft on the blog</option>
              <option value="published">Published</option>
              <option value="scheduled">Scheduled (at the post’s date)</option>
            </select>
          </label>
        </div>
        <details className="publish-details">
          <summary>Title, tags, categories, excerpt, cover image, slug</summary>
          <DetailsPanel text={text} onChange={onChangeText} />
        </details>
        <PublishImages text={text} onChangeText={onChangeText} assets={images} error={imagesError} sending={sending} />
        {queued.map((entry) => (
          <div key={entry.id} className="publish-result" role="status" data-testid="outbox-entry">
            Waiting to publish to {entry.target}
            {entry.status.state === 'retrying' && `: ${entry.status.reason.message} Next try at ${new Date(entry.status.nextAt).toLocaleTimeString()}.`}
            {entry.status.state === 'failed' && `: ${entry.status.reason.message}`}
            <div className="row dialog-actions">
              <button type="button" className="button" onClick={() => void studio.publish.retry(entry.id)}>
                Try now
              </button>
              <button type="button" className="button" onClick={() => void studio.publish.cancel(entry.id).then(() => setQueued((list) => list.filter((item) => item.id !== entry.id)))}>
                Cancel
              </button>
            </div>
          </div>
        ))}
        {cautions.length > 0 && (
          <div className="form-error" role="note" data-testid="publish-caution">
            {cautions.join(' ')}
            {mathMode !== 'images' && (
              <div className="row dialog-actions">
                <button type="button" className="button" disabled={busy} onClick={() => void switchToMathImages()}>
                  Publish math as images
                </button>
              </div>
            )}
          </div>
        )}
        {busy && progress && <Progress progress={progress} />}
        {error && <p className="form-error" role="alert">{error}</p>}
        {outcome && <Outcome outcome={outcome} body={parsePostFile(text).body} onChoose={(options) => void run(options)} onMathImages={() => void switchToMathImages().then((done) => (done ? run({}) : undefined))} />}
        {preview && <SentPreview preview={preview} />}
        <div className="row dialog-actions">
          <button type="button" className="link-button muted" onClick={onManageTargets}>
            Manage targets
          </button>
          <button type="button" className="button" disabled={busy || !target} onClick={() => void run({ dryRun: true })}>
            Show what will be sent
          </button>
          <button type="button" className="button primary" disabled={busy || !target} onClick={() => void run({})}>
            {busy ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </div>
    </Modal>
  );
}

function Progress({ progress }: { progress: PublishProgress }) {
  const label =
    progress.phase === 'asset' ? `Image ${progress.index} of ${progress.total}${progress.uploaded ? ' uploaded' : ' already there'}`
    : progress.phase === 'uploading' ? `Uploading image ${progress.index} of ${progress.total}: ${progress.file}, ${sizeOf(progress.sent)} of ${sizeOf(progress.bytes)}`
    : progress.phase === 'done' ? 'Done' : `${progress.phase[0]?.toUpperCase()}${progress.phase.slice(1)}…`;
  const share =
    progress.phase === 'asset' ? 0.2 + (0.6 * progress.index) / progress.total
    : progress.phase === 'uploading' ? 0.2 + (0.6 * (progress.index - 1 + progress.sent / Math.max(1, progress.bytes))) / progress.total
    : { rendering: 0.05, checking: 0.15, creating: 0.85, updating: 0.85, recording: 0.95, done: 1 }[progress.phase];
  return (
    <div role="status" aria-label="Publishing progress">
      <div className="progress">
        <div style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <div className="muted hint">{label}</div>
    </div>
  );
}

function Outcome({ outcome, body, onChoose, onMathImages }: { outcome: PublishOutcome; body: string; onChoose: (options: PublishOptions) => void; onMathImages: () => void }) {
  switch (outcome.kind) {
    case 'published':
      return (
        <div className={`publish-result ${outcome.warnings?.length ? 'failed' : 'success'}`} role="status" data-testid="publish-result">
          {outcome.unchanged ? 'Nothing had changed since the last publish. ' : outcome.created ? 'Published. ' : 'Updated. '}
          {outcome.warnings?.length ? <ul className="publish-warnings">{outcome.warnings.map((line) => <li key={line}>{line}</li>)}</ul> : null}
          {outcome.mathStripped && (
            <div className="row dialog-actions">
              <button type="button" className="button" onClick={onMathImages}>
                Publish math as images
              </button>
            </div>
          )}
          <a href={outcome.url} target="_blank" rel="noopener noreferrer">
            Open the post
          </a>
          {outcome.uploaded + outcome.reused > 0 && <div className="muted hint">Images: {outcome.uploaded} uploaded, {outcome.reused} already on the blog.</div>}
        </div>
      );
    case 'queued':
      return (
        <div className="publish-result" role="status" data-testid="publish-result">
          {outcome.reason.message} It is queued and will be sent again at {new Date(outcome.nextAt).toLocaleTimeString()}, even after a restart.
        </div>
      );
    case 'took-remote':
      return <div className="publish-result" role="status">The post now has the text from the blog. Review it, then publish again.</div>;
    case 'failed': {
      const remote = outcome.failure.remote;
      return (
        <div className="publish-result failed" role="alert" data-testid="publish-result">
          <p>{outcome.failure.message}</p>
          {outcome.failure.kind === 'conflict' && remote && (
            <>
              <pre className="diff">
                {diffLines(remote.markdown, body).map((part, index) => (
                  <span key={index} className={part.added ? 'added' : part.removed ? 'removed' : 'same'}>
                    {part.value}
                  </span>
                ))}
              </pre>
              <div className="row dialog-actions">
                <button type="button" className="button" onClick={() => onChoose({ takeRemote: true })}>
                  Bring the blog’s version in
                </button>
                <button type="button" className="button primary" onClick={() => onChoose({ overwrite: true })}>
                  Replace it with mine
                </button>
              </div>
            </>
          )}
        </div>
      );
    }
    default:
      return null;
  }
}

function SentPreview({ preview }: { preview: PublishPreview }) {
  return (
    <div data-testid="sent-preview">
      <table className="meta-table">
        <tbody>
          <tr><td>Action</td><td>{preview.action === 'create' ? 'Create a new post' : 'Update the published post'}</td></tr>
          <tr><td>Title</td><td>{preview.title}</td></tr>
          <tr><td>Slug</td><td>{preview.slug}</td></tr>
          <tr><td>Status</td><td>{preview.status}{preview.date ? ` · ${preview.date}` : ''}</td></tr>
          <tr><td>Tags</td><td>{preview.tags.join(', ') || '—'}</td></tr>
          <tr><td>Categories</td><td>{preview.categories.join(', ') || '—'}</td></tr>
          <tr><td>Images</td><td>{preview.assets.map((asset) => `${asset.file} (${asset.willUpload ? 'will upload' : 'already there'})`).join(', ') || '—'}</td></tr>
        </tbody>
      </table>
      <pre className="sent-html">{preview.html}</pre>
    </div>
  );
}
