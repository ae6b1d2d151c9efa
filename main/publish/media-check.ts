/// Media are real before they are reused: an image remembered as uploaded is asked for (HEAD)
/// before the post links it again, so one deleted from the blog's media library is uploaded
/// again instead of being linked as a broken image.
import type { FetchLike } from './http';

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
