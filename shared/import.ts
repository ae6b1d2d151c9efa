/// What an import reports, for the renderer and the CLI.
import { z } from 'zod';

export const ImportSummary = z.object({
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /// Changed on the blog and here since the last import: left alone, the blog's version kept aside.
  conflicts: z.array(z.object({ remoteId: z.string(), postId: z.string(), title: z.string(), pendingFile: z.string().nullable() })),
  failedImages: z.array(z.object({ postId: z.string(), title: z.string(), url: z.string(), reason: z.string() })),
  skipped: z.array(z.object({ remoteId: z.string(), postId: z.string(), title: z.string(), reason: z.string() })),
  /// Posts with parts markdown cannot say (a `<video>`, `<sub>`), kept in them as HTML.
  keptAsHtml: z.array(z.object({ postId: z.string(), title: z.string(), elements: z.array(z.string()) })).optional(),
  cancelled: z.boolean(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportProgress = z.object({
  done: z.number(),
  total: z.number().nullable(),
  title: z.string(),
  outcome: z.enum(['added', 'updated', 'unchanged', 'conflict', 'skipped']),
});
