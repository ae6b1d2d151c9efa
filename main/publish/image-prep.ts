/// Images prepared before they leave: turned upright by their EXIF orientation, scaled down to the
/// target's width, re-encoded (WebP or AVIF where the target's readers see them), and stripped of
/// camera and location metadata unless the target keeps it. The local file is never changed.
/// An image that needs none of this (small, within the width, nothing to strip) goes as it is.
/// GIFs (animations) and SVGs always go as they are.
import { createHash } from 'node:crypto';
import type { ResolvedImageSettings } from '../../shared/image-settings';
import { PublishError } from './errors';
import { exifHasLocation } from './image-exif';
import type { LocalAsset } from './publisher';

type Sharp = (typeof import('sharp'))['default'];
let loaded: Promise<Sharp> | null = null;
/// Loaded on first use: starting the app or the CLI must not pay for libvips.
function sharpModule(): Promise<Sharp> {
  loaded ??= import('sharp').then((m) => m.default);
  return loaded;
}

const RASTER = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif']);
/// Below this an image already in a fine format is not worth re-encoding.
const SMALL_BYTES = 100 * 1024;

export interface ImagePlan {
  /// Sent byte for byte as the local file.
  keep: boolean;
  /// What the upload-once memory knows it by: the original's hash, plus the settings when prepared.
  key: string;
  width: number | null;
  hasLocation: boolean;
  /// EXIF, XMP or IPTC that the prepared copy leaves out.
  hasMetadata: boolean;
}

export interface PreparedImage {
  /// What is uploaded: prepared bytes, its own type and extension, `hash` = the plan's key.
  asset: LocalAsset;
  before: number;
  after: number;
  width: number | null;
  locationRemoved: boolean;
  metadataRemoved: boolean;
}

/// Reads only the image's header: cheap enough to run whenever a post's state is shown.
export async function planImage(asset: LocalAsset, settings: ResolvedImageSettings): Promise<ImagePlan> {
  const passThrough = { keep: true, key: asset.hash, width: null, hasLocation: false, hasMetadata: false };
  if (!RASTER.has(asset.mimeType)) return passThrough;
  const sharp = await sharpModule();
  const meta = await sharp(asset.bytes).metadata().catch(() => null);
  // Not an image sharp can read: let the blog judge it, as before.
  if (!meta?.width) return passThrough;
  const hasLocation = meta.exif ? exifHasLocation(meta.exif) : false;
  const hasMetadata = Boolean(meta.exif || meta.xmp || meta.iptc);
  const upright = !meta.orientation || meta.orientation === 1;
  const wanted = targetMime(asset.mimeType, settings);
  const keep =
    meta.width <= settings.maxWidth &&
    upright &&
    (!hasMetadata || settings.keepMetadata) &&
    (wanted === asset.mimeType || asset.bytes.byteLength <= SMALL_BYTES || settings.format === 'original') &&
    (settings.maxUploadBytes === null || asset.bytes.byteLength <= settings.maxUploadBytes);
  const key = keep ? asset.hash : createHash('sha256').update(`${asset.hash}\0${fingerprint(settings)}`).digest('hex');
  return { keep, key, width: meta.width, hasLocation, hasMetadata };
}

/// The bytes to upload. `limitBytes`: the largest file the target takes; a prepared image over
/// it is made smaller, one that cannot be (a GIF, an SVG) is refused before anything is sent.
export async function prepareImage(asset: LocalAsset, settings: ResolvedImageSettings, plan: ImagePlan, limitBytes: number | null = settings.maxUploadBytes): Promise<PreparedImage> {
  const before = asset.bytes.byteLength;
  if (plan.keep && (limitBytes === null || before <= limitBytes)) {
    return { asset: { ...asset, hash: plan.key }, before, after: before, width: plan.width, locationRemoved: false, metadataRemoved: false };
  }
  if (!RASTER.has(asset.mimeType) || plan.width === null) throw tooLarge(asset.file, before, limitBytes ?? before);
  const mime = targetMime(asset.mimeType, settings);
  let width = Math.min(plan.width, settings.maxWidth);
  let quality = settings.quality;
  for (let attempt = 0; ; attempt++) {
    const bytes = await encode(asset, settings, mime, width, quality);
    if (limitBytes === null || bytes.byteLength <= limitBytes) {
      const stripped = !settings.keepMetadata;
      return {
        asset: { ...asset, hash: plan.key, bytes, mimeType: mime, file: withExtension(asset.file, mime) },
        before,
        after: bytes.byteLength,
        width,
        locationRemoved: stripped && plan.hasLocation,
        metadataRemoved: stripped && plan.hasMetadata,
      };
    }
    // Over the blog's limit: a little smaller and a little more compressed, a few times.
    if (attempt === 4) throw tooLarge(asset.file, bytes.byteLength, limitBytes);
    width = Math.max(200, Math.round(width * 0.75));
    quality = Math.max(40, quality - 10);
  }
}

async function encode(asset: LocalAsset, settings: ResolvedImageSettings, mime: string, width: number, quality: number): Promise<Uint8Array> {
  const sharp = await sharpModule();
  // rotate() with no angle turns the pixels upright by the EXIF orientation, before it is dropped.
  let image = sharp(asset.bytes).rotate().resize({ width, withoutEnlargement: true });
  if (settings.keepMetadata) image = image.keepMetadata();
  const png = asset.mimeType === 'image/png';
  if (mime === 'image/webp') image = png ? image.webp({ lossless: true, effort: 4 }) : image.webp({ quality, effort: 4 });
  else if (mime === 'image/avif') image = image.avif({ quality, effort: 4 });
  else if (mime === 'image/png') image = image.png({ compressionLevel: 9 });
  else image = image.jpeg({ quality, mozjpeg: true });
  return new Uint8Array(await image.toBuffer());
}

/// Screenshots and diagrams (PNG) become lossless WebP, photos lossy WebP or AVIF; with
/// 'original' each keeps its format.
function targetMime(mime: string, settings: ResolvedImageSettings): string {
  if (settings.format === 'original') return mime;
  if (mime === 'image/png') return 'image/webp';
  return settings.format === 'avif' ? 'image/avif' : 'image/webp';
}

function fingerprint(settings: ResolvedImageSettings): string {
  const { maxWidth, quality, format, keepMetadata, maxUploadBytes } = settings;
  return JSON.stringify({ v: 1, maxWidth, quality, format, keepMetadata, maxUploadBytes });
}

function withExtension(file: string, mime: string): string {
  const ext = { 'image/webp': 'webp', 'image/avif': 'avif', 'image/png': 'png', 'image/jpeg': 'jpg' }[mime] ?? 'bin';
  const dot = file.lastIndexOf('.');
  const stem = dot > file.lastIndexOf('/') ? file.slice(0, dot) : file;
  return `${stem}.${ext}`;
}

/// A file preparation cannot make smaller (a GIF, an SVG, a PDF) and over the blog's limit: the
/// reason, before any image of the post is sent.
export function refuseOversized(asset: LocalAsset, plan: ImagePlan, settings: ResolvedImageSettings): void {
  const limit = settings.maxUploadBytes;
  if (limit !== null && asset.bytes.byteLength > limit && (plan.width === null || !RASTER.has(asset.mimeType))) throw tooLarge(asset.file, asset.bytes.byteLength, limit);
}

function tooLarge(file: string, bytes: number, limit: number): PublishError {
  return new PublishError('invalid', `“${file}” is ${megabytes(bytes)}, more than the ${megabytes(limit)} the blog accepts, and Postwright cannot make this kind of file smaller. Nothing was sent. Make the file smaller (or shorter, for an animation) and publish again.`);
}

export function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/// "leaky-gut_figure-1-3f9a2c1d.png" -> "Leaky gut figure 1": the alt text when there is one,
/// otherwise the file's name without its extension or any content hash.
export function readableTitle(alt: string | null | undefined, file: string): string {
  const fromAlt = alt?.replace(/\s+/g, ' ').trim();
  if (fromAlt) return fromAlt.length > 120 ? `${fromAlt.slice(0, 119)}…` : fromAlt;
  const base = file.split('/').pop() ?? file;
  const stem = base.replace(/\.[^.]+$/, '').replace(/\b[0-9a-f]{8,}\b/gi, ' ').replace(/[-_.\s]+/g, ' ').trim();
  return stem ? stem[0]!.toUpperCase() + stem.slice(1) : 'Image';
}
