/// Where posts are published: add, test and remove targets. Passwords go to the OS keychain,
/// never into the library.
import { useCallback, useEffect, useState } from 'react';
import type { TargetInfo } from '../../../shared/publish';
import { describeTarget } from '../../../shared/target-label';
import { host, studio } from '../studio';
import { Modal } from './Modal';

type Kind = 'wordpress' | 'hugo' | 'jekyll';

export function TargetsDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const [targets, setTargets] = useState<TargetInfo[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => studio.targets.list().then(setTargets, (failure: unknown) => setError(messageOf(failure))), []);
  useEffect(() => void reload(), [reload]);

  const test = (name: string) => {
    setStatus((now) => ({ ...now, [name]: 'Signing in…' }));
    studio.targets.test(name).then(
      ({ account }) => setStatus((now) => ({ ...now, [name]: `✓ Signed in as ${account}` })),
      (failure: unknown) => setStatus((now) => ({ ...now, [name]: `✗ ${messageOf(failure)}` })),
    );
  };

  return (
    <Modal title="Publishing targets" onClose={onClose}>
      {error && <p className="form-error">{error}</p>}
      {targets?.length === 0 && !adding && <p className="muted">No targets yet. Add your blog to publish to it.</p>}
      <ul className="trash-list" aria-label="Targets">
        {targets?.map(({ settings, hasSecret, needsSecret, storage }) => (
          <li key={settings.name}>
            <div>
              <div className="trash-title">{settings.name}</div>
              <div className="muted">
                {describeTarget(settings)}
                {needsSecret && !hasSecret && ' · no password saved'}
              </div>
              {needsSecret && storage.warning && <div className="form-error">{storage.warning}</div>}
              {status[settings.name] && <div className="target-status">{status[settings.name]}</div>}
            </div>
            <div className="row">
              <button type="button" className="button" onClick={() => test(settings.name)}>
                Test
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
      {adding ? (
        <AddTargetForm
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

function AddTargetForm({ onAdded, onCancel }: { onAdded: () => void; onCancel: () => void }) {
  const [kind, setKind] = useState<Kind>('wordpress');
  const [fields, setFields] = useState({ name: '', siteUrl: '', username: '', password: '', repoPath: '', branch: 'main' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [key]: event.target.value });

  const submit = () => {
    setBusy(true);
    const settings =
      kind === 'wordpress'
        ? { name: fields.name, kind, siteUrl: fields.siteUrl, username: fields.username }
        : { name: fields.name, kind: 'static-git' as const, repoPath: fields.repoPath, generator: kind, branch: fields.branch || 'main', remote: 'origin' };
    studio.targets.add({ settings, secret: kind === 'wordpress' ? fields.password : undefined }).then(onAdded, (failure: unknown) => {
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
        <select value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
          <option value="wordpress">WordPress</option>
          <option value="hugo">Hugo site (git)</option>
          <option value="jekyll">Jekyll site (git)</option>
        </select>
      </label>
      <label className="field">
        <span>Name</span>
        <input value={fields.name} onChange={set('name')} placeholder="My blog" required />
      </label>
      {kind === 'wordpress' ? (
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
        </>
      )}
      {error && <p className="form-error">{error}</p>}
      <div className="row dialog-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add target'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
