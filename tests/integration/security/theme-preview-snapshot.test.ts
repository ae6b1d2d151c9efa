/// A theme snapshot of a hostile blog: what is kept is CSS, fonts and images of the blog's own
/// site only, rewritten to point at the snapshot; nothing of another site, no script, no HTML.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThemeSnapshots } from '../../../main/themes/index';
import { HOSTILE_STYLE, startHostileBlog, type HostileBlog } from '../../servers/hostile-blog';

describe('theme-preview: snapshot of a hostile blog', () => {
  let blog: HostileBlog;
  let library: string;
  let themes: ThemeSnapshots;

  beforeAll(async () => {
    blog = await startHostileBlog();
    library = await mkdtemp(path.join(os.tmpdir(), 'pw-theme-'));
    themes = new ThemeSnapshots(library, async () => [{ name: 'Hostile', kind: 'ghost', siteUrl: blog.url }]);
    await themes.refresh('Hostile', null);
  });
  afterAll(async () => {
    await blog?.stop();
    await rm(library, { recursive: true, force: true });
  });

  const folder = () => path.join(library, '.postwright', 'themes', 'Hostile');

  it('reads the newest post’s page and the wrappers around its text', async () => {
    const info = JSON.parse(await readFile(path.join(folder(), 'theme.json'), 'utf8'));
    expect(info.pageUrl).toBe(`${blog.url}/posts/newest/`);
    expect(info.chain.map((w: { className: string }) => w.className)).toEqual(['site', 'wrap narrow', 'post', 'entry-content']);
    expect(info.bodyClass).toBe('hostile-body single-post');
    expect(info.htmlClass).toBe('hostile-html');
    expect(JSON.stringify(info.chain)).not.toContain('background');
  });

  it('keeps the blog’s CSS with same-site imports inline, and nothing of another site', async () => {
    const css = await readFile(path.join(folder(), 'style.css'), 'utf8');
    expect(css).toContain(`color: ${HOSTILE_STYLE.bodyColor}`);
    expect(css).toContain(`h2 { color: ${HOSTILE_STYLE.headingColor}; }`);
    expect(css).toContain('td { padding: 7px; }');
    expect(css).not.toMatch(/@import/);
    expect(css).not.toContain(blog.elsewhere);
    expect(css).not.toContain(blog.url);
    expect(css).toMatch(/url\("assets\/[0-9a-f]{16}\.woff2"\)/);
    expect(css).toMatch(/url\("assets\/[0-9a-f]{16}\.png"\)/);
    // The font that redirects to another site is not followed.
    expect(blog.elsewhereRequests).toEqual([]);
  });

  it('stores no script and no page, and ran nothing', async () => {
    const files = [...(await readdir(folder())), ...(await readdir(path.join(folder(), 'assets'))).map((name) => `assets/${name}`)];
    expect(files.filter((name) => !/^(theme\.json|style\.css|assets|assets\/[0-9a-f]{16}\.(woff2|png))$/.test(name))).toEqual([]);
    const all = (await Promise.all(files.filter((n) => n !== 'assets').map((n) => readFile(path.join(folder(), n), 'latin1')))).join('\n');
    expect(all).not.toMatch(/<script|fetch\(|onload|onerror/i);
    expect(blog.requests.filter((url) => url.startsWith('/ran-') || url === '/theme.js')).toEqual([]);
  });

  it('gives the preview the look with its files inline, so it needs no network', async () => {
    const look = await themes.look('Hostile');
    expect(look?.css).toMatch(/url\("data:font\/woff2;base64,[A-Za-z0-9+/=]+"\)/);
    expect(look?.css).toMatch(/url\("data:image\/png;base64,/);
    expect(look?.css).not.toMatch(/url\("(?!data:)/);
    expect(look?.skipped.join('\n')).toContain('remote-import.css');
  });
});
