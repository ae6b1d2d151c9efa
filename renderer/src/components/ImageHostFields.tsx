/// The image-host part of the targets form: where a blog that keeps no images of its own
/// (Blogger; a static site whose images should stay out of its repository) puts them. Three
/// kinds: S3-compatible storage, a git repository served as files, or the blogger's uploader.
import type { ImageHostSettings, TargetInfo } from '../../../shared/publish';

export interface HostDraft {
  type: ImageHostSettings['type'];
  endpoint: string;
  bucket: string;
  region: string;
  prefix: string;
  publicUrl: string;
  accessKeyId: string;
  secret: string;
  repoPath: string;
  branch: string;
  folder: string;
  filesUrl: string;
  command: string;
  /// One argument per line: no shell, so spaces in a path need no quoting.
  args: string;
  timeoutSeconds: string;
}

export function hostDraft(settings?: ImageHostSettings): HostDraft {
  const draft: HostDraft = {
    type: settings?.type ?? 's3', endpoint: '', bucket: '', region: 'us-east-1', prefix: '', publicUrl: '', accessKeyId: '', secret: '',
    repoPath: '', branch: 'main', folder: 'images/', filesUrl: 'https://cdn.jsdelivr.net/gh/OWNER/REPO@main/{path}',
    command: 'picgo', args: 'upload\n{file}', timeoutSeconds: '120',
  };
  if (settings?.type === 's3') Object.assign(draft, { endpoint: settings.endpoint, bucket: settings.bucket, region: settings.region, prefix: settings.prefix, publicUrl: settings.publicUrl, accessKeyId: settings.accessKeyId });
  if (settings?.type === 'git') Object.assign(draft, { repoPath: settings.repoPath, branch: settings.branch, folder: settings.folder, filesUrl: settings.publicUrl });
  if (settings?.type === 'command') Object.assign(draft, { command: settings.command[0] ?? '', args: settings.command.slice(1).join('\n'), timeoutSeconds: String(settings.timeoutSeconds) });
  return draft;
}

/// The settings to save (checked again by the schema on the other side) and the secret, if any.
export function hostFromDraft(draft: HostDraft): { host: Record<string, unknown>; secret: string | undefined } {
  switch (draft.type) {
    case 's3':
      return { host: { type: 's3', endpoint: draft.endpoint, bucket: draft.bucket, region: draft.region || 'us-east-1', prefix: draft.prefix, publicUrl: draft.publicUrl, accessKeyId: draft.accessKeyId }, secret: draft.secret || undefined };
    case 'git':
      return { host: { type: 'git', repoPath: draft.repoPath, branch: draft.branch || 'main', remote: 'origin', folder: draft.folder, publicUrl: draft.filesUrl }, secret: undefined };
    case 'command':
      return { host: { type: 'command', command: [draft.command, ...draft.args.split('\n').filter((a) => a !== '')], timeoutSeconds: Number(draft.timeoutSeconds) || 120 }, secret: undefined };
  }
}

export function ImageHostFields({ draft, onChange, editing }: { draft: HostDraft; onChange: (draft: HostDraft) => void; editing: boolean }) {
  const field = (key: keyof HostDraft, label: string, props: Record<string, unknown> = {}) => (
    <label className="field">
      <span>{label}</span>
      <input value={draft[key]} onChange={(event) => onChange({ ...draft, [key]: event.target.value })} {...props} />
    </label>
  );
  return (
    <>
      <label className="field">
        <span>Stored on</span>
        <select value={draft.type} onChange={(event) => onChange({ ...draft, type: event.target.value as HostDraft['type'] })}>
          <option value="s3">S3-compatible storage (Amazon S3, Cloudflare R2, Backblaze B2, Wasabi, MinIO…)</option>
          <option value="git">A git repository served as files (GitHub with jsDelivr, GitLab, Codeberg…)</option>
          <option value="command">My own uploader command (PicGo, uPic…)</option>
        </select>
      </label>
      {draft.type === 's3' ? (
        <>
          {field('endpoint', 'Endpoint', { placeholder: 'https://s3.eu-central-1.amazonaws.com', type: 'url', required: true })}
          {field('bucket', 'Bucket', { required: true })}
          {field('region', 'Region', { placeholder: 'us-east-1 (auto for R2)' })}
          {field('prefix', 'Key prefix', { placeholder: 'blog/ (optional)' })}
          {field('publicUrl', 'Public address of the bucket', { placeholder: 'https://images.myblog.example', type: 'url', required: true })}
          {field('accessKeyId', 'Access key ID', { autoComplete: 'off', required: true })}
          {field('secret', 'Secret access key', { type: 'password', autoComplete: 'off', required: !editing, placeholder: editing ? 'unchanged' : '' })}
          <p className="muted hint">Readers fetch images from the public address (your CDN or custom domain, or the bucket’s own address), so the bucket must allow public reads. The secret key goes to your system keychain and is only ever sent to the endpoint.</p>
        </>
      ) : draft.type === 'git' ? (
        <>
          {field('repoPath', 'Folder of the repository’s git clone', { placeholder: '/home/me/blog-images', required: true })}
          {field('branch', 'Branch')}
          {field('folder', 'Folder in the repository')}
          {field('filesUrl', 'Public address pattern', { required: true })}
          <p className="muted hint">Each image is committed and pushed; its address is this pattern with the image’s path in place of {'{path}'}. For GitHub, jsDelivr serves https://cdn.jsdelivr.net/gh/OWNER/REPO@BRANCH/{'{path}'}.</p>
        </>
      ) : (
        <>
          {field('command', 'Command', { placeholder: 'picgo', required: true })}
          <label className="field">
            <span>Arguments, one per line</span>
            <textarea value={draft.args} rows={3} onChange={(event) => onChange({ ...draft, args: event.target.value })} />
          </label>
          {field('timeoutSeconds', 'Time limit (seconds)', { type: 'number', min: 1, max: 3600 })}
          <p className="muted hint">Postwright runs the command (without a shell) with {'{file}'} replaced by the image’s path, and uses the address it prints on its last line, as PicGo’s “picgo upload {'{file}'}” does.</p>
        </>
      )}
    </>
  );
}

/// Why a blog needs an image host, and which one it uses.
export function ImageHostPicker({ value, onChange, hosts, why, allowNone }: { value: string; onChange: (name: string) => void; hosts: TargetInfo[]; why: string; allowNone?: string }) {
  return (
    <>
      <p className="muted hint" data-testid="image-host-why">{why}</p>
      {hosts.length === 0 && !allowNone ? (
        <p className="form-error">Add an image host first (Kind: Image host), then come back to this blog.</p>
      ) : (
        <label className="field">
          <span>Images go to</span>
          <select value={value} onChange={(event) => onChange(event.target.value)}>
            {allowNone !== undefined && <option value="">{allowNone}</option>}
            {hosts.map((info) => (
              <option key={info.settings.name} value={info.settings.name}>
                {info.settings.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}

/// Targets that can keep another blog's images: image hosts first, then WordPress and Ghost.
export function imageHostsOf(targets: TargetInfo[]): TargetInfo[] {
  const rank = (info: TargetInfo) => (info.settings.kind === 'image-host' ? 0 : 1);
  return targets.filter((info) => ['image-host', 'wordpress', 'ghost'].includes(info.settings.kind)).sort((a, b) => rank(a) - rank(b));
}

export const BLOGGER_WHY = 'Blogger’s API cannot store images, so Postwright puts your post’s images on an image host you own and the post links to them. You can switch hosts later: images already published stay where they are.';
