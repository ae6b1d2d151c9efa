/// Where posts are published: add, test and remove targets. Passwords go to the OS keychain,
/// never into the library.
import { messageOf } from '../message-of';
import { useCallback, useEffect, useState } from 'react';
import type { MathMode, TargetInfo, TargetSettings } from '../../../shared/publish';
import { describeTarget } from '../../../shared/target-label';
import { host, studio } from '../studio';
import { BloggerFields } from './BloggerFields';
import { BLOGGER_WHY, hostDraft, hostFromDraft, ImageHostFields, ImageHostPicker, imageHostsOf } from './ImageHostFields';
import { Modal } from './Modal';

type Kind = 'wordpress' | 'ghost' | 'hugo' | 'jekyll' | 'blogger' | 'image-host';

export function TargetsDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const [targets, setTargets] = useState<TargetInfo[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TargetInfo | null>(null);
  const [status, setStatus] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => studio.targets.list().then(setTargets, (failure: unknown) => setError(messageOf(failure))), []);
  useEffect(() => void reload(), [reload]);
  const storageWarning = targets?.find((info) => info.needsSecret && info.storage.warning)?.storage.warning ?? null;

  const test = (name: string) => {
    // A git site has no account: what the test proves is the branch it will commit to.
    const kind = targets?.find((info) => info.settings.name === name)?.settings.kind;
    const git = kind === 'static-git';
    setStatus((now) => ({ ...now, [name]: git ? 'Checking the repository…' : kind === 'image-host' ? 'Checking the image host…' : 'Signing in…' }));
    studio.targets.test(name).then(
      ({ account }) => setStatus((now) => ({ ...now, [name]: git ? `✓ Ready to commit to branch ${account} and push` : kind === 'image-host' ? `✓ Ready: ${account}` : `✓ Signed in as ${account}` })),
      (failure: unknown) => setStatus((now) => ({ ...now, [name]: `✗ ${messageOf(failure)}` })),
    );
  };

  return (
    <Modal title="Publishing targets" onClose={onClose}>
      {error && <p className="form-error">{error}</p>}
      {targets?.length === 0 && !adding && <p className="muted">No targets yet. Add your blog to publish to it.</p>}
      {/* Where passwords are kept is one fact for all targets: said once, above them. */}
      {storageWarning && <div className="storage-warning" role="note">{storageWarning}</div>}
      <ul className="trash-list" aria-label="Targets">
        {targets?.map(({ settings, hasSecret, needsSecret }) => (
          <li key={settings.name}>
            <div>
              <div className="trash-title">{settings.name}</div>
              <div className="muted">
                {describeTarget(settings)}
                {needsSecret && !hasSecret && ' · no password saved'}
              </div>
              {status[settings.name] && <div className="target-status">{status[settings.name]}</div>}
            </div>
            <div className="row">
              <button type="button" className="button" onClick={() => test(settings.name)}>
                Test
              </button>
              <button type="button" className="button" onClick={() => setEditing(targets.find((info) => info.settings.name === settings.name) ?? null)}>
                Edit
              </button>
              <button
                type="button"
                className="button"
                onClick={() => void studio.targets.remove(settings.name).then(() => { void reload(); onChanged(); }, (failure: unknown) => setError(messageOf(failure)))}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing ? (
        <AddTargetForm
          key={editing.settings.name}
          editing={editing}
          mediaTargets={imageHostsOf(targets ?? [])}
          onCancel={() => setEditing(null)}
          onAdded={() => {
            setEditing(null);
            void reload();
            onChanged();
          }}
        />
      ) : adding ? (
        <AddTargetForm
          mediaTargets={imageHostsOf(targets ?? [])}
          onCancel={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            void reload();
            onChanged();
          }}
        />
      ) : (
        <div className="row dialog-actions">
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            Add a target
          </button>
        </div>
      )}
    </Modal>
  );
}

function AddTargetForm({ onAdded, onCancel, mediaTargets, editing }: { onAdded: () => void; onCancel: () => void; mediaTargets: TargetInfo[]; editing?: TargetInfo }) {
  const initial = (editing?.settings ?? {}) as Record<string, string>;
  const [kind, setKind] = useState<Kind>(() => (!editing ? 'wordpress' : editing.settings.kind === 'static-git' ? (initial.generator as Kind) : (editing.settings.kind as Kind)));
  const [fields, setFields] = useState({
    name: initial.name ?? '',
    siteUrl: initial.siteUrl ?? '',
    username: initial.username ?? '',
    password: '',
    repoPath: initial.repoPath ?? '',
    branch: initial.branch ?? 'main',
  });
  const [draft, setDraft] = useState(() => hostDraft(editing?.settings.kind === 'image-host' ? editing.settings.host : undefined));
  // Blogger's image host, or a static site's ('' keeps its images in the repository).
  const [media, setMedia] = useState(() => (editing?.settings.kind === 'blogger' ? editing.settings.mediaTarget : editing?.settings.kind === 'static-git' ? (editing.settings.imageHost ?? '') : ''));
  // How formulas go out: MathML, or images for a blog that strips MathML (math-images.ts).
  const [math, setMath] = useState<MathMode>(() => (editing && 'math' in editing.settings ? (editing.settings.math ?? 'markup') : 'markup'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [key]: event.target.value });

  const submit = () => {
    // A new Blogger target saves itself after the Google sign-in; an existing one can switch image hosts.
    if (kind === 'blogger' && editing?.settings.kind !== 'blogger') return;
    setBusy(true);
    const hosted = hostFromDraft(draft);
    // Settings this form does not show (image preparation, the classic editor) stay as they were.
    const kept = editing && editing.settings.kind !== 'image-host' ? editing.settings : {};
    const withMath = math === 'images' || 'math' in kept ? { math } : {};
    const settings =
      editing?.settings.kind === 'blogger'
        ? { ...editing.settings, mediaTarget: media, ...withMath }
        : kind === 'wordpress'
          ? { ...kept, name: fields.name, kind, siteUrl: fields.siteUrl, username: fields.username, ...withMath }
          : kind === 'ghost'
            ? { ...kept, name: fields.name, kind, siteUrl: fields.siteUrl, ...withMath }
            : kind === 'image-host'
              ? { name: fields.name, kind, host: hosted.host }
              : { name: fields.name, kind: 'static-git' as const, repoPath: fields.repoPath, generator: kind, branch: fields.branch || 'main', remote: 'origin', ...(media ? { imageHost: media } : {}), ...withMath };
    // When editing, an empty password field keeps the saved one.
    const secret = kind === 'image-host' ? hosted.secret : (kind === 'wordpress' || kind === 'ghost') && (fields.password || !editing) ? fields.password : undefined;
    (editing ? studio.targets.update(editing.settings.name, { settings: settings as TargetSettings, secret }) : studio.targets.add({ settings: settings as TargetSettings, secret })).then(onAdded, (failure: unknown) => {
      setError(messageOf(failure));
      setBusy(false);
    });
  };

  useEffect(
    () =>
      studio.on('targets.signedIn', ({ error: failure }) => {
        setWaiting(false);
        if (failure) setError(failure);
        else onAdded();
      }),
    [onAdded],
  );

  /// The browser sign-in: WordPress shows "Authorize Postwright" and sends a fresh application
  /// password back to Postwright, so nothing has to be copied by hand.
  const signIn = () => {
    setError(null);
    const returnTo = host === 'browser' ? window.location.origin : null;
    studio.targets.signIn({ name: fields.name, siteUrl: fields.siteUrl, returnTo }).then(
      ({ url }) => {
        setWaiting(true);
        window.open(url, '_blank', 'noopener');
      },
      (failure: unknown) => setError(messageOf(failure)),
    );
  };

  return (
    <form
      className="target-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label className="field">
        <span>Kind</span>
        <select value={kind} disabled={editing !== undefined} onChange={(event) => setKind(event.target.value as Kind)}>
          <option value="wordpress">WordPress</option>
          <option value="ghost">Ghost</option>
          <option value="hugo">Hugo site (git)</option>
          <option value="jekyll">Jekyll site (git)</option>
          <option value="blogger">Blogger</option>
          <option value="image-host">Image host (for Blogger or a static site’s images)</option>
        </select>
      </label>
      <label className="field">
        <span>Name</span>
        <input value={fields.name} onChange={set('name')} placeholder="My blog" required disabled={editing !== undefined} title={editing ? 'Posts record their publishes under this name, so it stays.' : undefined} />
      </label>
      {kind === 'blogger' && editing ? (
        <ImageHostPicker value={media} onChange={setMedia} hosts={mediaTargets} why={BLOGGER_WHY} />
      ) : kind === 'image-host' ? (
        <ImageHostFields draft={draft} onChange={setDraft} editing={editing !== undefined} />
      ) : kind === 'blogger' ? (
        <BloggerFields name={fields.name} mediaTargets={mediaTargets} onAdded={onAdded} onError={setError} />
      ) : kind === 'ghost' ? (
        <>
          <label className="field">
            <span>Site address</span>
            <input value={fields.siteUrl} onChange={set('siteUrl')} placeholder="https://myblog.ghost.io" type="url" required />
          </label>
          <label className="field">
            <span>Admin API key</span>
            <input value={fields.password} onChange={set('password')} type="password" autoComplete="off" placeholder="id:secret" required />
          </label>
          <p className="muted hint">In Ghost open Settings → Integrations → Add custom integration, name it “Postwright”, and paste its Admin API key here.</p>
        </>
      ) : kind === 'wordpress' ? (
        <>
          <label className="field">
            <span>Site address</span>
            <input value={fields.siteUrl} onChange={set('siteUrl')} placeholder="https://myblog.example" type="url" required />
          </label>
          <label className="field">
            <span>User name</span>
            <input value={fields.username} onChange={set('username')} autoComplete="username" />
          </label>
          <label className="field">
            <span>Application password</span>
            <input value={fields.password} onChange={set('password')} type="password" autoComplete="off" />
          </label>
          <div className="row">
            <button type="button" className="button" disabled={!fields.name || !fields.siteUrl || waiting} onClick={signIn}>
              {waiting ? 'Waiting for WordPress…' : 'Sign in with WordPress'}
            </button>
          </div>
          {waiting && <p className="muted hint">Approve Postwright on the page that opened in your browser; this form closes by itself.</p>}
          <p className="muted hint">Or paste an application password: in WordPress open Users → Profile → Application Passwords, type “Postwright”, choose Add New, and paste the password here. Your login password will not work.</p>
        </>
      ) : (
        <>
          <label className="field">
            <span>Folder of the site’s git clone</span>
            <input value={fields.repoPath} onChange={set('repoPath')} placeholder="/home/me/sites/blog" required />
          </label>
          <label className="field">
            <span>Branch</span>
            <input value={fields.branch} onChange={set('branch')} />
          </label>
          <ImageHostPicker value={media} onChange={setMedia} hosts={mediaTargets.filter((info) => info.settings.kind === 'image-host')} allowNone="The repository, beside each post" why="Images are committed with the post unless you choose an image host for them." />
        </>
      )}
      {kind !== 'image-host' && (kind !== 'blogger' || editing) && (
        <label className="field">
          <span>Formulas</span>
          <select value={math} onChange={(event) => setMath(event.target.value as MathMode)} data-testid="target-math">
            <option value="markup">As formulas (MathML)</option>
            <option value="images">As images (for a blog that removes formulas)</option>
          </select>
        </label>
      )}
      {error && <p className="form-error">{error}</p>}
      <div className="row dialog-actions">
        {(kind !== 'blogger' || editing) && (
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Saving…' : editing ? 'Save changes' : 'Add target'}
          </button>
        )}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

