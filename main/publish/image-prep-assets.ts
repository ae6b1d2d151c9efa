/// The pipeline's side of image preparation: which key each image is remembered by on a target,
/// the bytes that go out for it, a second try at a size the blog accepts, and what the dry run
/// shows about it.
import type { ResolvedImageSettings } from '../../shared/image-settings';
import { PublishError } from './errors';
import { planImage, prepareImage, readableTitle, refuseOversized, type ImagePlan, type PreparedImage } from './image-prep';
import type { LocalAsset } from './publisher';

export interface Planned {
  /// The local file as read, with its alt text and title.
  original: LocalAsset;
  plan: ImagePlan;
}

/// Every asset with its description (alt, readable title) and, for a target that uploads, the key
/// it is remembered by there: the original's hash, plus the settings when it goes out prepared.
export async function planAssets(assets: Map<string, LocalAsset>, alts: Map<string, string>, settings: ResolvedImageSettings | null): Promise<{ assets: Map<string, LocalAsset>; plans: Map<string, Planned> }> {
  const out = new Map<string, LocalAsset>();
  const plans = new Map<string, Planned>();
  const byHash = new Map<string, ImagePlan>();
  for (const [ref, asset] of assets) {
    const alt = alts.get(ref) ?? '';
    const described: LocalAsset = { ...asset, alt, title: readableTitle(alt, asset.file) };
    if (!settings) {
      out.set(ref, described);
      continue;
    }
    let plan = byHash.get(asset.hash);
    if (!plan) byHash.set(asset.hash, (plan = await planImage(asset, settings)));
    out.set(ref, { ...described, hash: plan.key });
    if (!plans.has(plan.key)) plans.set(plan.key, { original: described, plan });
  }
  return { assets: out, plans };
}

/// The bytes to upload for `asset` (as planAssets made it).
export async function outgoing(asset: LocalAsset, planned: Planned | undefined, settings: ResolvedImageSettings | null, limitBytes?: number | null): Promise<PreparedImage> {
  if (!planned || !settings) {
    const size = asset.bytes.byteLength;
    return { asset, before: size, after: size, width: null, locationRemoved: false, metadataRemoved: false };
  }
  return prepareImage(planned.original, settings, planned.plan, limitBytes === undefined ? settings.maxUploadBytes : limitBytes);
}

/// Refuses, before anything is uploaded, a file over the blog's limit that cannot be made smaller.
export function checkSizes(plans: Map<string, Planned>, settings: ResolvedImageSettings | null): void {
  if (!settings) return;
  for (const { original, plan } of plans.values()) refuseOversized(original, plan, settings);
}

/// The largest upload a refusal names: WordPress's "Files must be less than N KB" (multisite's
/// limit), or a bare 413 from the server in front of the blog (then: well under what was sent).
export function limitFromRefusal(error: unknown, sentBytes: number): number | null {
  if (!(error instanceof PublishError)) return null;
  const cause = error.extra.cause as { code?: string; message?: string } | undefined;
  if (cause?.code === 'rest_upload_file_too_big') {
    const kb = /([\d.,]+)\s*KB/i.exec(cause.message ?? error.message)?.[1];
    if (kb) return Math.floor(Number(kb.replace(/,/g, '')) * 1024);
  }
  if (/\b413\b|too large|too big/i.test(error.message) && error.kind === 'rejected') return Math.floor(sentBytes * 0.6);
  return null;
}
