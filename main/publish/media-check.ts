/// Media are real before they are reused: an image remembered as uploaded is asked for (HEAD)
/// before the post links it again, so one deleted from the blog's media library is uploaded
/// again instead of being linked as a broken image.
import type { AssetMap } from './assets';
import type { FetchLike } from './http';
import type { PlacedAsset, Publisher } from './publisher';

export type MediaState = 'there' | 'gone' | 'unknown';

/// 'gone' only when the server says so (404, 410); anything else (offline, a server error, a
/// CDN that refuses HEAD and GET alike) is 'unknown', and the image is reused as before.
export async function mediaState(url: string, fetchFn: FetchLike = (u, init) => fetch(u, init), timeoutMs = 15_000): Promise<MediaState> {
  if (!/^https?:\/\//i.test(url)) return 'unknown';
  try {
    let reply = await fetchFn(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    // Some hosts answer HEAD with "not allowed": ask for one byte instead.
    if (reply.status === 405 || reply.status === 501) {
      reply = await fetchFn(url, { method: 'GET', headers: { Range: 'bytes=0-0' }, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
      await reply.body?.cancel().catch(() => undefined);
    }
    if (reply.status >= 200 && reply.status < 300) return 'there';
    return reply.status === 404 || reply.status === 410 ? 'gone' : 'unknown';
  } catch {
    return 'unknown';
  }
}

/// Takes out of `known` (reference -> placed image) every remembered upload the blog answers is
/// gone, and forgets it in the asset maps, so the publish uploads it again.
export async function dropGone(known: Map<string, PlacedAsset>, check: (url: string) => Promise<MediaState>, maps: Array<AssetMap | null>): Promise<void> {
  // All asked at once: a post's images are checked in the time of one.
  const states = new Map<string, Promise<MediaState>>();
  for (const placed of known.values()) if (placed.remote && !states.has(placed.url)) states.set(placed.url, check(placed.url));
  await Promise.all(states.values());
  for (const [ref, placed] of known) {
    if (!placed.remote || (await states.get(placed.url)) !== 'gone') continue;
    known.delete(ref);
    for (const map of maps) await map?.forget(placed.asset.hash);
  }
}

/// Media uploaded for this post belong to it on the blog (WordPress's "Uploaded to"). Only a
/// nicety: the post is written already, so a refusal here does not fail the publish.
export async function attachUploads(media: Publisher | null, placed: Map<string, PlacedAsset>, known: Map<string, PlacedAsset>, postId: string): Promise<void> {
  if (!media?.attachAssets) return;
  const fresh = [...new Map([...placed].filter(([ref, p]) => !known.has(ref) && p.remote?.id).map(([, p]) => [p.remote!.id, p.remote!])).values()];
  if (fresh.length > 0) await media.attachAssets(fresh, postId).catch(() => undefined);
}
