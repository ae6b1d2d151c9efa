/// The renderer's CSP decides what a post can make the preview fetch. Plain http: covers
/// every server on 127.0.0.1, so an image in a post could reach the blogger's other local
/// services; only the app itself, inline data and https may serve images.
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../../shared/csp';
import { ASSET_CSP } from '../../../main/web/policy';

function sources(csp: string, directive: string): string[] {
  const found = csp.split(';').map((part) => part.trim().split(/\s+/)).find(([name]) => name === directive);
  return found ? found.slice(1) : [];
}

describe('preview CSP', () => {
  it('loads images only from the app, inline data and https', () => {
    const images = sources(RENDERER_CSP, 'img-src');
    expect(images.sort()).toEqual(["'self'", 'blob:', 'data:', 'https:'].sort());
    for (const loose of ['http:', '*', 'http://127.0.0.1', 'http://localhost', 'http://*']) expect(images).not.toContain(loose);
  });

  it('lets no other fetching directive reach plain http either', () => {
    for (const directive of ['default-src', 'media-src', 'connect-src', 'font-src', 'frame-src', 'script-src', 'style-src']) {
      expect(sources(RENDERER_CSP, directive).filter((source) => source === '*' || source.startsWith('http:')), directive).toEqual([]);
    }
    expect(sources(ASSET_CSP, 'img-src')).toEqual(["'self'"]);
  });
});
