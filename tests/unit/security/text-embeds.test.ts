/// Embeds keep only what a player needs: hostile `allow` and `referrerpolicy` values pasted with an
/// iframe must not reach the preview, `postwright render` or the HTML a blog receives.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { PublishPipeline } from '../../../main/publish/pipeline';
import { createNodePurify } from '../../../main/render/node-purify';
import { renderArticle } from '../../../shared/render';
import { FakeBlog, MemoryStore } from '../publish/fakes';

const YOUTUBE = 'https://www.youtube-nocookie.com/embed/abc123';
const HOSTILE = [
  `<iframe src="${YOUTUBE}" allow="camera; microphone; geolocation; fullscreen" referrerpolicy="unsafe-url"></iframe>`,
  `<iframe src="${YOUTUBE}" allow="camera *; geolocation 'src' https://evil.example; payment; usb; autoplay; encrypted-media *" referrerpolicy="no-referrer-when-downgrade"></iframe>`,
  `<iframe src="https://player.vimeo.com/video/1" allow="display-capture;clipboard-read;picture-in-picture https://evil.example" referrerpolicy="UNSAFE-URL" csp="script-src *" credentialless allowpaymentrequest sandbox="allow-scripts allow-same-origin" id="location"></iframe>`,
  `<p>A link <a href="https://example.org" referrerpolicy="unsafe-url" allow="camera">out</a> and <img src="https://img.example/a.png" referrerpolicy="unsafe-url" alt="a"></p>`,
];
const POST = HOSTILE.join('\n\n');

const ALLOWED_FEATURES = new Set(['fullscreen', 'encrypted-media', 'picture-in-picture']);
const ALLOWED_ATTRIBUTES = new Set(['src', 'width', 'height', 'title', 'allow', 'allowfullscreen', 'loading', 'frameborder', 'scrolling', 'referrerpolicy', 'style', 'class']);
const SAFE_REFERRERS = new Set(['no-referrer', 'same-origin', 'origin', 'strict-origin', 'strict-origin-when-cross-origin']);

/// Whatever in `html` asks for more than a player needs, in words.
function overreach(html: string): string[] {
  const body = new JSDOM('').window.document.body;
  body.innerHTML = html;
  const found: string[] = [];
  for (const element of body.querySelectorAll('*')) {
    const referrer = element.getAttribute('referrerpolicy');
    if (referrer !== null && !SAFE_REFERRERS.has(referrer)) found.push(`${element.localName} referrerpolicy=${referrer}`);
    if (element.localName !== 'iframe') {
      if (element.hasAttribute('allow')) found.push(`${element.localName} allow`);
      continue;
    }
    for (const name of element.getAttributeNames()) if (!ALLOWED_ATTRIBUTES.has(name)) found.push(`iframe ${name}`);
    for (const directive of (element.getAttribute('allow') ?? '').split(';')) {
      const [feature, ...origins] = directive.trim().split(/\s+/);
      if (feature && !ALLOWED_FEATURES.has(feature)) found.push(`iframe allow ${feature}`);
      if (origins.length > 0) found.push(`iframe allow ${feature} for ${origins.join(' ')}`);
    }
  }
  return found;
}

const library = mkdtempSync(path.join(os.tmpdir(), 'pw-text-embeds-'));
afterAll(() => rmSync(library, { recursive: true, force: true }));

describe('embeds ask for no more than a player needs', () => {
  it('the checker sees the hostile payloads as they were pasted', () => {
    expect(overreach(POST)).toEqual(expect.arrayContaining(['iframe allow camera', 'iframe referrerpolicy=unsafe-url', 'a referrerpolicy=unsafe-url', 'iframe csp']));
  });

  it('in the preview pipeline: players stay, with only fullscreen, encrypted media and picture-in-picture', () => {
    const html = renderArticle(POST, createNodePurify());
    expect(overreach(html)).toEqual([]);
    const body = new JSDOM('').window.document.body;
    body.innerHTML = html;
    const frames = [...body.querySelectorAll('iframe')];
    expect(frames.map((frame) => frame.getAttribute('src'))).toEqual([YOUTUBE, YOUTUBE, 'https://player.vimeo.com/video/1']);
    expect(frames.map((frame) => frame.getAttribute('allow'))).toEqual(['fullscreen', 'encrypted-media', 'picture-in-picture']);
    expect(frames.map((frame) => frame.getAttribute('referrerpolicy'))).toEqual(Array(3).fill('strict-origin-when-cross-origin'));
  });

  it('in what `postwright render` prints', async () => {
    const file = path.join(library, 'embeds.md');
    writeFileSync(file, `---\ntitle: Embeds\n---\n${POST}\n`);
    const { stdout } = await promisify(execFile)(process.execPath, [path.resolve('bin', 'postwright.cjs'), 'render', file], {
      env: { ...process.env, POSTWRIGHT_LIBRARY: library },
    });
    expect(stdout).toContain('<iframe');
    expect(overreach(stdout)).toEqual([]);
  });

  it('in the HTML a blog receives on publish', async () => {
    const store = new MemoryStore();
    try {
      const blog = new FakeBlog();
      const pipeline = new PublishPipeline({ store, libraryRoot: store.root, target: async () => ({ name: 'blog', publisher: blog }), now: () => Date.now() });
      store.write('embeds', `---\ntitle: Embeds\nstatus: published\n---\n${POST}\n`);
      await pipeline.publish('embeds', 'blog');
      const content = [...blog.posts.values()][0]!.content;
      expect(content).toContain('<iframe');
      expect(overreach(content)).toEqual([]);
    } finally {
      store.remove();
    }
  });
});
