/// A blog's look as the preview uses it: the blog's CSS (fonts and images inlined as data:
/// addresses, nothing remote) and the wrappers its posts' text sits in.
import { z } from 'zod';

export const ThemeWrapper = z.object({
  tag: z.enum(['div', 'main', 'article', 'section', 'aside', 'header', 'footer', 'figure', 'span']),
  id: z.string().max(100),
  className: z.string().max(500),
});
export type ThemeWrapper = z.infer<typeof ThemeWrapper>;

/// What is kept about a snapshot (theme.json in `.postwright/themes/<target>/`).
export const ThemeSnapshotInfo = z.object({
  target: z.string(),
  /// The page the look was read from.
  pageUrl: z.string(),
  fetchedAt: z.string(),
  chain: z.array(ThemeWrapper),
  htmlClass: z.string(),
  bodyClass: z.string(),
  foundBy: z.string(),
  /// The platform changes text on display the way WordPress's wptexturize does.
  texturize: z.boolean(),
  /// The blog's platform, whose way of showing a post the preview follows (block classes,
  /// line breaks, typography); absent in snapshots taken before it was kept.
  platform: z.enum(['wordpress', 'ghost', 'blogger', 'hugo', 'jekyll']).optional(),
  /// What was left out (too large, another site's file, unreachable), in the blogger's words.
  skipped: z.array(z.string()),
});
export type ThemeSnapshotInfo = z.infer<typeof ThemeSnapshotInfo>;
export type ThemePlatform = NonNullable<ThemeSnapshotInfo['platform']>;

export const ThemeLook = ThemeSnapshotInfo.extend({
  /// The snapshot's CSS with every font and image as a data: address.
  css: z.string(),
});
export type ThemeLook = z.infer<typeof ThemeLook>;
