import { describe, expect, it } from 'vitest';
import { fetchCapped, type FetchLike } from '../../../main/themes/fetch';

// A server that streams `size` bytes without saying how many, or redirects to `location`.
const serve = (size: number, location?: string): FetchLike => async () =>
  location
    ? new Response(null, { status: 302, headers: { location } })
    : new Response(new ReadableStream({ start(c) { for (let sent = 0; sent < size; sent += 65536) c.enqueue(new Uint8Array(Math.min(65536, size - sent))); c.close(); } }));

describe('theme-preview: fetching a blog’s files', () => {
  it('stops reading a file past its size cap, even when the server does not announce its size', async () => {
    await expect(fetchCapped(serve(5 << 20), 'https://blog.example/big.woff2', 1 << 20, 'https://blog.example')).rejects.toThrow(/larger than 1024 KB/);
    await expect(fetchCapped(serve(1000), 'https://blog.example/small.css', 1 << 20, 'https://blog.example')).resolves.toMatchObject({ bytes: expect.any(Buffer) });
  });

  it('never follows a file off the blog’s site, nor fetches anything but http(s)', async () => {
    await expect(fetchCapped(serve(0, 'https://tracker.example/x.css'), 'https://blog.example/a.css', 1000, 'https://blog.example')).rejects.toThrow(/another site/);
    await expect(fetchCapped(serve(0), 'file:///etc/passwd', 1000, null)).rejects.toThrow(/not a web address/);
  });
});
