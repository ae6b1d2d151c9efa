/// Publishing types both sides need: target settings (validated where they are read and where
/// the renderer sends them), publish options, progress, results, errors and the outbox.
/// Secrets never appear in these shapes except as the write-only `secret` of a target change.
import { z } from 'zod';
import { ImageSettings } from './image-settings';

/// A target's name is also a folder name under `.postwright/targets/`, so it is kept plain.
export const TargetName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/, 'a target name is 1–63 letters, digits, spaces, dots, dashes or underscores');

/// How formulas go out: as MathML ('markup', the default), or as images for a blog that strips
/// MathML (a WordPress role without unfiltered_html). See main/publish/math-images.ts.
export const MathMode = z.enum(['markup', 'images']);
export type MathMode = z.infer<typeof MathMode>;

const siteUrl = z
  .string()
  .trim()
  .url('the site address must be a full URL, like https://example.com')
  .refine((url) => /^https?:\/\//i.test(url), 'the site address must start with https:// (or http://)')
  .transform((url) => url.replace(/\/+$/, ''));

export const WordPressTarget = z.object({
  name: TargetName,
  kind: z.literal('wordpress'),
  siteUrl,
  username: z.string().trim().min(1, 'the WordPress user name is needed').max(200),
  images: ImageSettings.optional(),
  /// 'classic' for a site on the Classic Editor: the post goes as plain HTML, not blocks.
  editor: z.enum(['blocks', 'classic']).optional(),
  math: MathMode.optional(),
});

export const StaticGitTarget = z.object({
  name: TargetName,
  kind: z.literal('static-git'),
  /// A local clone of the site's repository; Postwright commits there and pushes.
  repoPath: z.string().min(1, 'the folder of the site’s git clone is needed').max(4096),
  generator: z.enum(['hugo', 'jekyll']),
  branch: z.string().trim().regex(/^[A-Za-z0-9._/-]{1,200}$/, 'not a branch name').default('main'),
  remote: z.string().trim().regex(/^[A-Za-z0-9._-]{1,100}$/, 'not a git remote name').default('origin'),
  /// An image host for the site's images instead of the repository (optional).
  imageHost: TargetName.optional(),
  math: MathMode.optional(),
});

/// A Ghost site; the secret is a custom integration's Admin API key (`id:secret`).
export const GhostTarget = z.object({
  name: TargetName,
  kind: z.literal('ghost'),
  siteUrl,
  images: ImageSettings.optional(),
  math: MathMode.optional(),
});

/// A Blogger blog, signed in with the blogger's own Google OAuth client (a Desktop app client).
/// The secret is JSON: `{"refreshToken": "…", "clientSecret": "…"}`. Blogger stores no images, so
/// `mediaTarget` names the target that keeps them: an image host, WordPress or Ghost.
export const BloggerTarget = z.object({
  name: TargetName,
  kind: z.literal('blogger'),
  blogId: z.string().trim().regex(/^\d{1,40}$/, 'the blog id is the number in the address of the blog’s Blogger dashboard'),
  blogUrl: siteUrl,
  clientId: z.string().trim().min(1, 'the OAuth client id from your Google Cloud project is needed').max(300),
  mediaTarget: TargetName,
  /// Only for testing against a stand-in server; Google's addresses by default.
  apiBase: siteUrl.optional(),
  tokenUrl: z.string().trim().url().optional(),
  authUrl: z.string().trim().url().optional(),
  math: MathMode.optional(),
});

/// Folder names each ending in /, none of them . or .. (`blog/`, `images/2026/`), or nothing.
const FOLDERS = /^(?:(?!\.\.?\/)[A-Za-z0-9._-]+\/)*$/;

const publicBase = siteUrl.refine((url) => !/[?#]/.test(url), 'the public address must not have a ? or # part');

/// S3-compatible storage (Amazon S3, R2, B2, Wasabi, MinIO, Spaces). The secret is the access
/// key's secret, bound to `endpoint`'s origin.
export const S3Host = z.object({
  type: z.literal('s3'),
  endpoint: siteUrl,
  bucket: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'a bucket name is 3–63 lowercase letters, digits, dots or dashes'),
  region: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'a region is like us-east-1 (or auto for R2)').default('us-east-1'),
  /// Put before every key: "blog/" gives blog/2026/11/…
  prefix: z.string().trim().regex(FOLDERS, 'the key prefix is folder names each ending in /, like blog/').default(''),
  /// Where readers fetch the files: a CDN or custom domain, or the bucket's own address.
  publicUrl: publicBase,
  accessKeyId: z.string().trim().min(1, 'the access key id is needed').max(200),
});

/// A git repository whose files a CDN serves (jsDelivr for GitHub, or the forge's raw files).
/// `publicUrl` holds `{path}` where the file's path in the repository goes.
export const GitHost = z.object({
  type: z.literal('git'),
  repoPath: z.string().min(1, 'the folder of the repository’s git clone is needed').max(4096),
  branch: z.string().trim().regex(/^[A-Za-z0-9._/-]{1,200}$/, 'not a branch name').default('main'),
  remote: z.string().trim().regex(/^[A-Za-z0-9._-]{1,100}$/, 'not a git remote name').default('origin'),
  folder: z.string().trim().regex(FOLDERS, 'the folder is names each ending in /, like images/').default('images/'),
  publicUrl: z.string().trim().max(2000).refine((u) => /^https?:\/\/[^{}]+\{path\}[^{}]*$/i.test(u), 'the public address starts with https:// and has {path} once, like https://cdn.jsdelivr.net/gh/you/images@main/{path}'),
});

/// The blogger's own uploader (PicGo, uPic…): a program and its arguments, `{file}` standing
/// for the image; it prints the URL on its last line. Run without a shell.
export const CommandHost = z.object({
  type: z.literal('command'),
  command: z.array(z.string().max(4096)).min(1, 'the uploader command is needed').max(50).refine((a) => (a[0] ?? '').trim() !== '', 'the uploader command is needed'),
  timeoutSeconds: z.number().int().min(1).max(3600).default(120),
});

export const ImageHostSettings = z.discriminatedUnion('type', [S3Host, GitHost, CommandHost]);
export type ImageHostSettings = z.infer<typeof ImageHostSettings>;

/// A place that stores images and answers a public URL, for targets that keep none (Blogger).
export const ImageHostTarget = z.object({
  name: TargetName,
  kind: z.literal('image-host'),
  host: ImageHostSettings,
});

/// Targets that keep no media of their own (Blogger) name another target for their images.
export const TargetSettings = z.discriminatedUnion('kind', [WordPressTarget, StaticGitTarget, GhostTarget, BloggerTarget, ImageHostTarget]);
export type TargetSettings = z.infer<typeof TargetSettings>;
export type TargetKind = TargetSettings['kind'];
/// The kinds as a schema; `satisfies` makes the compiler insist it lists every kind, and no other.
const kinds = { wordpress: true, 'static-git': true, ghost: true, blogger: true, 'image-host': true } satisfies Record<TargetKind, true>;
export const TargetKind = z.enum(Object.keys(kinds) as [TargetKind, ...TargetKind[]]);

export const TargetsFile = z.object({ version: z.literal(1), targets: z.array(TargetSettings) });
export type TargetsFile = z.infer<typeof TargetsFile>;

/// What the renderer sends to add or change a target. `secret` (an application password) goes
/// straight to the secret store; it is never written with the settings.
export const TargetInput = z.object({ settings: TargetSettings, secret: z.string().max(4096).optional() });
export type TargetInput = z.input<typeof TargetInput>;

export const SecretStorage = z.object({
  kind: z.enum(['keychain', 'safe-storage', 'file', 'memory']),
  encrypted: z.boolean(),
  /// Shown to the user when the secret is not protected by the OS.
  warning: z.string().nullable(),
});
export type SecretStorage = z.infer<typeof SecretStorage>;

export const TargetInfo = z.object({
  settings: TargetSettings,
  hasSecret: z.boolean(),
  needsSecret: z.boolean(),
  storage: SecretStorage,
});
export type TargetInfo = z.infer<typeof TargetInfo>;

/// What a post records per target in its front matter, under `publish.<target>`.
export const PublishRecord = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  url: z.string(),
  published_at: z.string(),
  /// Hash of exactly what was sent; the same hash next time means nothing changed.
  hash: z.string(),
  /// The remote's modification stamp after our write; a different one means someone edited it there.
  remote_modified: z.string().nullable(),
});
export type PublishRecord = z.output<typeof PublishRecord>;

export const PublishStatus = z.enum(['draft', 'published', 'scheduled']);
export type PublishStatus = z.infer<typeof PublishStatus>;

export const PublishOptions = z.object({
  /// Overrides the post's own `status` for this publish.
  status: PublishStatus.optional(),
  /// The remote was edited since the last publish: replace it with this post anyway.
  overwrite: z.boolean().optional(),
  /// The remote was edited since the last publish: bring its text into the post instead.
  takeRemote: z.boolean().optional(),
  /// Work out what would be sent without sending anything.
  dryRun: z.boolean().optional(),
});
export type PublishOptions = z.infer<typeof PublishOptions>;

export const PublishProgress = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('rendering') }),
  z.object({ phase: z.literal('checking') }),
  z.object({ phase: z.literal('asset'), index: z.number(), total: z.number(), file: z.string(), uploaded: z.boolean() }),
  /// One image on its way (`file` as the post names it): `sent` of `bytes`, the prepared size.
  z.object({ phase: z.literal('uploading'), index: z.number(), total: z.number(), file: z.string(), sent: z.number(), bytes: z.number() }),
  z.object({ phase: z.enum(['creating', 'updating', 'recording']) }),
  z.object({ phase: z.literal('done'), url: z.string() }),
]);
export type PublishProgress = z.infer<typeof PublishProgress>;

export const PublishErrorKind = z.enum(['auth', 'permission', 'conflict', 'not-found', 'rate-limited', 'network', 'server', 'rejected', 'invalid']);
export type PublishErrorKind = z.infer<typeof PublishErrorKind>;

/// The remote's side of a conflict, for a diff against the post.
export const RemoteVersion = z.object({
  title: z.string(),
  /// The remote's body as stored there (HTML for WordPress, the file for static sites).
  content: z.string(),
  /// The same converted to markdown, to diff with the post's body.
  markdown: z.string(),
  modified: z.string().nullable(),
  url: z.string(),
});
export type RemoteVersion = z.infer<typeof RemoteVersion>;

export const PublishFailure = z.object({
  kind: PublishErrorKind,
  message: z.string(),
  retryAfterMs: z.number().optional(),
  remote: RemoteVersion.optional(),
});
export type PublishFailure = z.infer<typeof PublishFailure>;

export const PreviewAsset = z.object({
  file: z.string(),
  hash: z.string(),
  /// Where it is (or will be) on the target; null until it is uploaded.
  url: z.string().nullable(),
  willUpload: z.boolean(),
  /// Alt text from the post ('' when it has none).
  alt: z.string().optional(),
  /// What preparation makes of an image that will be uploaded (see main/publish/image-prep.ts).
  prepared: z
    .object({ file: z.string(), before: z.number(), after: z.number(), width: z.number().nullable(), locationRemoved: z.boolean(), metadataRemoved: z.boolean() })
    .nullable()
    .optional(),
});

export const PublishPreview = z.object({
  target: z.string(),
  title: z.string(),
  slug: z.string(),
  status: PublishStatus,
  date: z.string().nullable(),
  tags: z.array(z.string()),
  categories: z.array(z.string()),
  excerpt: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
  cover: z.string().nullable(),
  /// The article HTML as it will be sent (assets not yet uploaded keep their local path).
  html: z.string(),
  assets: z.array(PreviewAsset),
  /// Create a new remote post, or update the one recorded.
  action: z.enum(['create', 'update']),
  /// What the backend sends, in its own terms (request fields, or files to commit).
  payload: z.object({
    fields: z.record(z.string(), z.unknown()),
    files: z.array(z.object({ path: z.string(), text: z.string().nullable() })),
  }),
});
export type PublishPreview = z.infer<typeof PublishPreview>;

export const PublishResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('published'),
    target: z.string(),
    url: z.string(),
    remoteId: z.string(),
    created: z.boolean(),
    /// Nothing had changed since the last publish, so nothing was sent.
    unchanged: z.boolean(),
    uploaded: z.number(),
    reused: z.number(),
    /// Images in the sent article that did not answer when checked right after (Blogger).
    brokenImages: z.array(z.string()).optional(),
    /// What the blog removed or changed from what was sent (checked right after), in plain words.
    warnings: z.array(z.string()).optional(),
    /// The blog removed formulas: the dialog offers "Publish math as images".
    mathStripped: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('preview'), preview: PublishPreview }),
  /// The remote's version replaced the post's body (takeRemote).
  z.object({ kind: z.literal('took-remote'), target: z.string(), hash: z.string() }),
  /// The target could not be reached; the outbox will try again.
  z.object({ kind: z.literal('queued'), target: z.string(), outboxId: z.string(), reason: PublishFailure, nextAt: z.string() }),
]);
export type PublishResult = z.infer<typeof PublishResult>;

export const OutboxState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('queued') }),
  z.object({ state: z.literal('running') }),
  z.object({ state: z.literal('retrying'), nextAt: z.string(), reason: PublishFailure }),
  z.object({ state: z.literal('failed'), reason: PublishFailure }),
  z.object({ state: z.literal('done'), url: z.string() }),
  z.object({ state: z.literal('cancelled') }),
]);
export type OutboxState = z.infer<typeof OutboxState>;

export const OutboxEntry = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  postId: z.string(),
  target: z.string(),
  options: PublishOptions,
  createdAt: z.string(),
  attempts: z.number(),
  status: OutboxState,
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/// Where a post stands on one target, for the UI: never sent; sent and unchanged since; edited
/// since (what would be sent now differs from what was); waiting in the outbox; or given up on
/// there (`reason` says why). `url` and `publishedAt` come from the post's record, when it has one.
export const PostPublishState = z.object({
  target: z.string(),
  kind: TargetKind,
  state: z.enum(['not-published', 'published', 'changed', 'queued', 'failed']),
  url: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /// Why it is waiting (the last attempt's failure) or why it failed; null otherwise.
  reason: z.string().nullable(),
});
export type PostPublishState = z.infer<typeof PostPublishState>;
