/// The one contract between the renderer and the Node side. Every call the renderer can
/// make is one line here; the Electron preload bridge, the IPC handler table, the browser
/// host's HTTP routes and the renderer's client are all derived from it.
import { z } from 'zod';

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

export const LibraryInfo = z.object({ root: z.string(), name: z.string(), postCount: z.number() });
export type LibraryInfo = z.infer<typeof LibraryInfo>;

const call = <A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R) => ({ args, result });

export const api = {
  library: {
    info: call(z.tuple([]), LibraryInfo),
  },
  posts: {
    list: call(z.tuple([]), z.array(PostSummary)),
    get: call(z.tuple([PostId]), Post),
    create: call(z.tuple([z.object({ title: z.string().trim().min(1, 'a title is needed').max(300) })]), Post),
    save: call(z.tuple([SaveRequest]), SaveResult),
    delete: call(z.tuple([PostId]), z.null()),
  },
} as const;

/// Events the Node side pushes to the renderer. Subscriptions return an unsubscribe function.
export const events = {
  /// A post was created, saved, deleted or changed on disk; `id` null means "reload the list".
  'posts.changed': z.object({ id: PostId.nullable(), hash: z.string().nullable() }),
  /// A menu item was chosen in the desktop app (the browser host uses keyboard shortcuts).
  'app.command': z.object({ command: z.enum(['new-post', 'save', 'toggle-preview']) }),
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
