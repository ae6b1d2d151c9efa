/// How a target wants its images prepared before they leave (see main/publish/image-prep.ts).
/// Every field is optional in the target's settings; `imageSettingsFor` fills in the defaults.
import { z } from 'zod';

export const ImageFormat = z.enum(['webp', 'avif', 'original']);
export type ImageFormat = z.infer<typeof ImageFormat>;

export const ImageSettings = z.object({
  /// Wider images are scaled down to this width (the local file is never changed).
  maxWidth: z.number().int().min(200).max(10_000).optional(),
  /// Encoder quality, 1–100, for lossy formats.
  quality: z.number().int().min(1).max(100).optional(),
  /// The format photos are sent in; 'original' keeps each image's own.
  format: ImageFormat.optional(),
  /// Keep the camera's EXIF (location included). Off by default: a photo taken at home must not
  /// publish the blogger's address.
  keepMetadata: z.boolean().optional(),
  /// The largest file the blog accepts, in megabytes, when its server is stricter than it says.
  maxUploadMB: z.number().positive().max(10_000).optional(),
});
export type ImageSettings = z.infer<typeof ImageSettings>;

export interface ResolvedImageSettings {
  maxWidth: number;
  quality: number;
  format: ImageFormat;
  keepMetadata: boolean;
  maxUploadBytes: number | null;
}

export const DEFAULT_MAX_WIDTH = 2000;
export const DEFAULT_QUALITY = 82;

/// WordPress (5.8 and later) takes WebP, and every browser its readers use shows it. Ghost also
/// sends posts as newsletters, and some mail apps (Outlook on Windows) show no WebP: its photos
/// keep their own format unless the target says otherwise.
export function imageSettingsFor(kind: string, settings: ImageSettings | undefined): ResolvedImageSettings {
  return {
    maxWidth: settings?.maxWidth ?? DEFAULT_MAX_WIDTH,
    quality: settings?.quality ?? DEFAULT_QUALITY,
    format: settings?.format ?? (kind === 'ghost' ? 'original' : 'webp'),
    keepMetadata: settings?.keepMetadata ?? false,
    maxUploadBytes: settings?.maxUploadMB ? Math.round(settings.maxUploadMB * 1024 * 1024) : null,
  };
}
