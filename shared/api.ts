/// The one contract between the renderer and the Node side. Every call the renderer can
/// make is one line here; the Electron preload bridge, the IPC handler table, the browser
/// host's HTTP routes and the renderer's client are all derived from it.
import { z } from 'zod';
import { ImportProgress, ImportSummary } from './import';
import { ThemeLook, ThemeSnapshotInfo } from './theme-look';
import { MAX_WORD_LENGTH } from './science-words';
import { OutboxEntry, PostPublishState, PublishFailure, PublishOptions, PublishPreview, PublishProgress, PublishResult, TargetInfo, TargetInput, TargetName } from './publish';

/// A post is a folder under `posts/`; its id is that folder's name. The pattern refuses
/// anything that could name a path outside the library.
export const PostId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!\.{1,2}$)[^/\\\0:*?"<>|]+$/, 'a post id is a single folder name');

export const PostStatus = z.enum(['draft', 'published', 'scheduled']);
export type PostStatus = z.infer<typeof PostStatus>;

export const PostSummary = z.object({
  id: PostId,
  title: z.string(),
  status: PostStatus,
  date: z.string().nullable(),
  updated: z.string().nullable(),
  tags: z.array(z.string()),
  excerpt: z.string(),
  /// Why the post cannot be read normally (malformed front matter, not UTF-8, …), or null.
  problem: z.string().nullable(),
  modifiedMs: z.number(),
});
export type PostSummary = z.infer<typeof PostSummary>;

export const Post = z.object({
  summary: PostSummary,
  /// The whole file as text: front matter and body, exactly as on disk.
  text: z.string(),
  /// Content hash of `text` as last read or saved; sent back on save to detect outside edits.
  hash: z.string(),
});
export type Post = z.infer<typeof Post>;

export const SaveRequest = z.object({
  id: PostId,
  text: z.string().max(20 * 1024 * 1024, 'a post is limited to 20 MB of text'),
  /// The hash the editor's text was based on; null overwrites whatever is on disk.
  baseHash: z.string().nullable(),
});

export const SaveResult = z.object({ hash: z.string(), summary: PostSummary });
export type SaveResult = z.infer<typeof SaveResult>;

const Word = z.string().trim().min(1, 'a word is needed').max(MAX_WORD_LENGTH, `at most ${MAX_WORD_LENGTH} characters`);
export const WordsSetting = z.object({ fig: Word, tbl: Word, eq: Word, references: Word }).partial();

/// Settings kept with the library (`.postwright/settings.json`), read by every host.
export const LibrarySettings = z.object({
  /// The words for "Figure", "Table", "Equation" and the bibliography's heading.
  words: WordsSetting.optional(),
});
export type LibrarySettings = z.infer<typeof LibrarySettings>;

export const LibraryInfo = z.object({ root: z.string(), name: z.string(), postCount: z.number() });
export type LibraryInfo = z.infer<typeof LibraryInfo>;

export const RevisionId = z.string().regex(/^[A-Za-z0-9._-]{1,120}$/, 'not a revision id');
export const Revision = z.object({
  id: RevisionId,
  postId: PostId,
  at: z.string(),
  reason: z.enum(['save', 'publish', 'restore', 'outside-edit']),
  bytes: z.number(),
  hash: z.string(),
});
export type Revision = z.infer<typeof Revision>;

export const TrashedPost = z.object({ trashId: PostId, postId: PostId, title: z.string(), deletedAt: z.string() });
export type TrashedPost = z.infer<typeof TrashedPost>;

export const Backup = z.object({ postId: PostId, text: z.string(), baseHash: z.string().nullable(), savedAt: z.string() });
export type Backup = z.infer<typeof Backup>;

export const IMAGE_TYPES = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
} as const;
export const ImageType = z.enum(Object.keys(IMAGE_TYPES) as [keyof typeof IMAGE_TYPES, ...Array<keyof typeof IMAGE_TYPES>]);
export const AddAsset = z.object({
  postId: PostId,
  /// The name the file had, used for the alt text.
  name: z.string().max(300),
  type: ImageType,
  /// The bytes, base64-encoded (JSON and structured clone both carry strings well).
  data: z.string().max(34 * 1024 * 1024, 'an image is limited to 25 MB'),
});
export const AddedAsset = z.object({ file: z.string(), alt: z.string() });
export type AddedAsset = z.infer<typeof AddedAsset>;

export const SearchQuery = z.object({
  query: z.string().max(500),
  status: PostStatus.optional(),
  tag: z.string().max(200).optional(),
});
export const SearchHit = z.object({
  summary: PostSummary,
  score: z.number(),
  snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
});
export type SearchHit = z.infer<typeof SearchHit>;

/// A publish either lands (or is queued by the outbox), or fails with a reason the UI shows,
/// including the remote's version when someone edited the post there.
export const PublishOutcome = z.union([PublishResult, z.object({ kind: z.literal('failed'), target: z.string(), failure: PublishFailure })]);
export type PublishOutcome = z.infer<typeof PublishOutcome>;

/// Science writing: what a post's front matter names for its citations.
export const ScienceRefs = z.object({
  bibliography: z.array(z.string().min(1).max(1024)).max(50),
  csl: z.string().max(1024).nullable(),
  lang: z.string().max(35).nullable(),
});
export type ScienceRefs = z.infer<typeof ScienceRefs>;

/// The sources as CSL-JSON items with the style and locale XML; null when the post cites nothing.
export const ScienceSourcesResult = z
  .object({
    items: z.array(z.looseObject({ id: z.string() })),
    style: z.string(),
    styleName: z.string(),
    locale: z.string(),
    problems: z.array(z.string()),
  })
  .nullable();
export type ScienceSourcesResult = z.infer<typeof ScienceSourcesResult>;

/// Add a source by DOI: for a post (its `bibliography:` decides the file) or, with no post, the
/// library's default bibliography.
export const AddDoiRequest = z.object({
  doi: z.string().max(2048),
  postId: PostId.nullable(),
  bibliography: ScienceRefs.shape.bibliography,
});
export const AddedSource = z.object({
  key: z.string(),
  doi: z.string(),
  /// The bibliography file, relative to the library.
  file: z.string(),
  created: z.boolean(),
  /// The DOI was there already: nothing was added and `key` is the existing entry's.
  existing: z.boolean(),
  /// The reference as a reader sees it (plain text).
  reference: z.string(),
  message: z.string(),
});
export type AddedSource = z.infer<typeof AddedSource>;
// --- editor-tools: spelling and export shapes ---
export const SpellingWord = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s\0]+$/u, 'a word has no spaces');
export const ExportFormat = z.enum(['html', 'docx']);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const ExportRequest = z.object({ postId: PostId, format: ExportFormat });
export const ExportedFile = z.object({ name: z.string(), type: z.string(), base64: z.string() });
export type ExportedFile = z.infer<typeof ExportedFile>;
// --- end editor-tools ---

const call = <A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R) => ({ args, result });

export const api = {
  library: {
    info: call(z.tuple([]), LibraryInfo),
    /// Opens (or creates) any folder as the library; remembered in the recent list.
    open: call(z.tuple([z.string().min(1).max(4096)]), LibraryInfo),
    recent: call(z.tuple([]), z.array(z.string())),
    /// The library's own preview stylesheet (`preview.css` in the library folder), or null.
    previewCss: call(z.tuple([]), z.string().nullable()),
    /// Where the files beside posts load from, relative to the app's page: `files/` in the
    /// desktop app, `files/<read-only key>/` in the browser host (an <img> cannot send a header).
    filesBase: call(z.tuple([]), z.string()),
    settings: call(z.tuple([]), LibrarySettings),
    saveSettings: call(z.tuple([LibrarySettings]), LibrarySettings),
  },
  posts: {
    list: call(z.tuple([]), z.array(PostSummary)),
    get: call(z.tuple([PostId]), Post),
    create: call(z.tuple([z.object({ title: z.string().trim().min(1, 'a title is needed').max(300) })]), Post),
    save: call(z.tuple([SaveRequest]), SaveResult),
    delete: call(z.tuple([PostId]), TrashedPost),
    search: call(z.tuple([SearchQuery]), z.array(SearchHit)),
  },
  assets: {
    /// Copies an image into the post's folder under a content-hash name (the same image is
    /// stored once however often it is pasted).
    add: call(z.tuple([AddAsset]), AddedAsset),
  },
  revisions: {
    list: call(z.tuple([PostId]), z.array(Revision)),
    read: call(z.tuple([PostId, RevisionId]), z.string()),
    /// Makes the revision the post's text again (itself recorded as a revision).
    restore: call(z.tuple([PostId, RevisionId]), SaveResult),
  },
  trash: {
    list: call(z.tuple([]), z.array(TrashedPost)),
    restore: call(z.tuple([PostId]), PostSummary),
  },
  /// Where posts are published: settings live with the library, secrets in the OS keychain.
  targets: {
    list: call(z.tuple([]), z.array(TargetInfo)),
    add: call(z.tuple([TargetInput]), TargetInfo),
    update: call(z.tuple([TargetName, TargetInput]), TargetInfo),
    remove: call(z.tuple([TargetName]), z.null()),
    /// Signs in and says as whom.
    test: call(z.tuple([TargetName]), z.object({ account: z.string(), warnings: z.array(z.string()).optional() })),
    /// Starts the WordPress browser sign-in: returns the address to open. `returnTo` is the
    /// browser host's origin (the desktop app passes null and receives the callback itself).
    signIn: call(
      z.tuple([z.object({ name: TargetName, siteUrl: z.string().url().max(2048), returnTo: z.string().regex(/^http:\/\/(127\.0\.0\.1|localhost):\d{1,5}$/).nullable() })]),
      z.object({ url: z.string() }),
    ),
    /// Starts the Google sign-in for a Blogger target with the blogger's own OAuth client;
    /// the account's blogs arrive with the 'targets.googleBlogs' event.
    googleSignIn: call(
      z.tuple([
        z.object({
          name: TargetName,
          clientId: z.string().trim().min(1).max(300),
          clientSecret: z.string().max(300).nullable(),
          mediaTarget: TargetName,
          authUrl: z.string().url().optional(),
          tokenUrl: z.string().url().optional(),
          apiBase: z.string().url().optional(),
        }),
      ]),
      z.object({ flowId: z.string(), url: z.string() }),
    ),
    /// Saves the blog chosen from that account as the target.
    googleFinish: call(z.tuple([z.string().max(64), z.string().regex(/^\d{1,40}$/)]), TargetInfo),
  },
  publish: {
    run: call(z.tuple([z.object({ postId: PostId, target: TargetName, options: PublishOptions })]), PublishOutcome),
    /// Exactly what would be sent, without sending it.
    preview: call(z.tuple([PostId, TargetName]), PublishPreview),
    /// Per target: not published, published, changed since, queued or failed.
    status: call(z.tuple([PostId]), z.array(PostPublishState)),
    outbox: call(z.tuple([]), z.array(OutboxEntry)),
    cancel: call(z.tuple([z.string().max(80)]), z.boolean()),
    retry: call(z.tuple([z.string().max(80)]), z.null()),
  },
  /// Bring existing posts in: from a connected blog, or from an export file (WordPress WXR,
  /// Blogger Atom). Safe to repeat; a cancelled import continues where it stopped.
  import: {
    fromTarget: call(z.tuple([TargetName]), ImportSummary),
    fromFile: call(z.tuple([z.object({ name: z.string().max(300), text: z.string().max(200 * 1024 * 1024) })]), ImportSummary),
    cancel: call(z.tuple([]), z.null()),
  },
  /// Citations: the bibliography and style a post names, read inside the library.
  science: {
    sources: call(z.tuple([PostId, ScienceRefs]), ScienceSourcesResult),
    /// Looks the DOI up (doi.org content negotiation) and appends the entry to the bibliography.
    addDoi: call(z.tuple([AddDoiRequest]), AddedSource),
    /// Mermaid diagrams drawn by the app, kept beside the post as diagram-<hash>.svg.
    diagrams: call(z.tuple([PostId]), z.array(z.string())),
    /// (post, source, svg, drafts this session drew that the post no longer uses): the name kept.
    saveDiagram: call(z.tuple([PostId, z.string().max(50_000), z.string().max(2_000_000), z.array(z.string().regex(/^diagram-[0-9a-f]{16}$/)).max(100)]), z.string()),
  },
  // --- editor-tools: writing statistics, spelling and export ---
  /// Words written today in this library (net, across posts), kept in `.postwright/`.
  writing: {
    today: call(z.tuple([]), z.number()),
    /// Records a post's word count now; answers today's total.
    record: call(z.tuple([PostId, z.number().int().min(0).max(10_000_000)]), z.number()),
  },
  /// Offline spelling: the bundled Hunspell dictionaries and the library's own word list.
  spelling: {
    dictionary: call(z.tuple([z.string().max(35)]), z.object({ lang: z.string(), aff: z.string(), dic: z.string() })),
    words: call(z.tuple([]), z.array(z.string())),
    addWord: call(z.tuple([SpellingWord]), z.array(z.string())),
  },
  export: {
    /// The exported file's bytes (base64) and a suggested name, for a download.
    file: call(z.tuple([ExportRequest]), ExportedFile),
    /// Desktop app: asks where to save (a save dialog) and writes there; null when cancelled.
    save: call(z.tuple([ExportRequest.extend({ format: z.enum(['html', 'docx', 'pdf']) })]), z.string().nullable()),
  },
  // --- end editor-tools ---
  /// Hot exit: unsaved text kept outside the library until it is saved or discarded.
  backups: {
    /// Returns the stored text's hash, for `patch`.
    put: call(z.tuple([Backup.omit({ savedAt: true })]), z.string()),
    /// The edits since the backup whose text hashes to `base` ([from, to, insert], in order);
    /// a `conflict` error when that backup has moved on. Returns the new text's hash.
    patch: call(
      z.tuple([
        z.object({
          postId: PostId,
          base: z.string().max(128),
          baseHash: z.string().nullable(),
          edits: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0), z.string()])).max(10_000),
        }),
      ]),
      z.string(),
    ),
    list: call(z.tuple([]), z.array(Backup)),
    discard: call(z.tuple([PostId]), z.null()),
  },
  // theme-preview: a target's look (its CSS and post wrappers), kept in .postwright/themes/.
  themes: {
    /// Reads the blog's look afresh; the address is needed only for a static site.
    refresh: call(z.tuple([TargetName, z.string().trim().url().max(2048).regex(/^https?:\/\//i, 'the address must start with https:// or http://').nullable()]), ThemeSnapshotInfo),
    /// The stored look, fonts and images inlined; null until one is read.
    look: call(z.tuple([TargetName]), ThemeLook.nullable()),
  },
} as const;

/// Events the Node side pushes to the renderer. Subscriptions return an unsubscribe function.
export const events = {
  /// A post was created, saved, deleted or changed on disk; `id` null means "reload the list".
  'posts.changed': z.object({ id: PostId.nullable(), hash: z.string().nullable() }),
  'publish.progress': z.object({ postId: PostId, target: z.string(), progress: PublishProgress }),
  /// A browser sign-in finished: the target is saved, or the reason it was not.
  'targets.signedIn': z.object({ name: z.string(), error: z.string().nullable() }),
  'targets.googleBlogs': z.object({
    flowId: z.string(),
    blogs: z.array(z.object({ id: z.string(), name: z.string(), url: z.string() })),
    error: z.string().nullable(),
  }),
  'import.progress': ImportProgress,
  /// A queued publish changed state (retrying, done, failed, cancelled).
  'outbox.changed': OutboxEntry,
  /// A bibliography or citation style file changed on disk: previews that cite re-render.
  'science.changed': z.object({}),
  /// A menu item was chosen in the desktop app (the browser host uses keyboard shortcuts).
  'app.command': z.object({ command: z.enum(['new-post', 'save', 'toggle-preview', 'toggle-focus', 'save-and-close']) }),
} as const;
export type AppCommand = z.infer<(typeof events)['app.command']>['command'];

export type Api = typeof api;
export type Namespace = keyof Api;
export type MethodOf<N extends Namespace> = keyof Api[N] & string;
type Def<N extends Namespace, M extends MethodOf<N>> = Api[N][M] & { args: z.ZodType; result: z.ZodType };
type AsList<T> = T extends readonly unknown[] ? [...T] : never;
export type ArgsOf<N extends Namespace, M extends MethodOf<N>> = AsList<z.input<Def<N, M>['args']>>;
type ParsedArgsOf<N extends Namespace, M extends MethodOf<N>> = AsList<z.output<Def<N, M>['args']>>;
export type ResultOf<N extends Namespace, M extends MethodOf<N>> = z.output<Def<N, M>['result']>;

export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.infer<(typeof events)[E]>;

/// What the renderer sees: `studio.posts.save({...})`.
export type Studio = {
  [N in Namespace]: { [M in MethodOf<N>]: (...args: ArgsOf<N, M>) => Promise<ResultOf<N, M>> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
};

/// What the Node side implements: one function per call, with validated arguments.
export type Handlers = {
  [N in Namespace]: {
    [M in MethodOf<N>]: (...args: ParsedArgsOf<N, M>) => Promise<ResultOf<N, M>> | ResultOf<N, M>;
  };
};

export const ErrorCode = z.enum([
  'invalid-argument',
  'not-found',
  'conflict',
  'save-failed',
  'publish-failed',
  'unauthorized',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/// Every result crosses the boundary as an envelope, so errors keep their code in every host.
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export class StudioError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }
}

/// Every call as `posts.save`-style channel names, for the wiring that needs a flat list.
export function channels(): Array<{ channel: string; ns: Namespace; method: string }> {
  return (Object.keys(api) as Namespace[]).flatMap((ns) =>
    Object.keys(api[ns]).map((method) => ({ channel: `${ns}.${method}`, ns, method })),
  );
}

export function lookupCall(channel: string): { args: z.ZodType; result: z.ZodType } | undefined {
  const [ns, method, ...rest] = channel.split('.');
  if (!ns || !method || rest.length > 0 || !Object.hasOwn(api, ns)) return undefined;
  const group = api[ns as Namespace] as Record<string, { args: z.ZodType; result: z.ZodType }>;
  return Object.hasOwn(group, method) ? group[method] : undefined;
}

export type Transport = (channel: string, args: unknown[]) => Promise<Envelope<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/// Builds the renderer's `studio` object over any transport (IPC bridge or HTTP).
export function createClient(transport: Transport, subscribe: Subscribe): Studio {
  const client: Record<string, unknown> = {
    on: (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener),
  };
  for (const { channel, ns, method } of channels()) {
    const group = (client[ns] ??= {}) as Record<string, unknown>;
    group[method] = async (...args: unknown[]) => {
      const envelope = await transport(channel, args);
      if (envelope.ok) return envelope.value;
      throw new StudioError(envelope.error.code, envelope.error.message);
    };
  }
  return client as Studio;
}
