/// A WordPress export file made by a real WordPress (its own export_wp(), what Tools → Export
/// runs) after posts were written over REST, imported with importSourceForFile: markdown, front
/// matter, images downloaded from the site, and nothing added when imported again.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceForFile } from '../../main/import';
import { runImport } from '../../main/import/run';
import { libraryImportTarget } from '../../main/import/target';
import { parsePostFile } from '../../shared/frontmatter';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, makePng, type TestLibrary } from './publish-fixtures';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe.skipIf(!hasWordPress)(hasWordPress ? 'importing a WXR file made by WordPress' : 'importing a WXR file made by WordPress (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let lib: TestLibrary;
  let wxr = '';
  let mediaUrl = '';
  const rest = async <T>(route: string, init: RequestInit = {}, extra: Record<string, string> = {}): Promise<T> => {
    const response = await fetch(`${wp.url}/wp-json${route}`, { ...init, headers: { Authorization: basic(wp.username, wp.appPassword), 'Content-Type': 'application/json', ...extra }, signal: AbortSignal.timeout(15_000) });
    expect(response.ok, `${route}: ${response.status} ${response.ok ? '' : await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    [wp, lib] = await Promise.all([startWordPress(), makeLibrary()]);
    const media = await rest<{ id: number; source_url: string }>('/wp/v2/media', { method: 'POST', body: new Blob([new Uint8Array(makePng(20, 10, [10, 120, 200]))]) }, { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="harbour.png"' });
    mediaUrl = media.source_url;
    const tag = await rest<{ id: number }>('/wp/v2/tags', { method: 'POST', body: JSON.stringify({ name: 'Sea & Sky' }) });
    const category = await rest<{ id: number }>('/wp/v2/categories', { method: 'POST', body: JSON.stringify({ name: 'Travel' }) });
    const make = (fields: object) => rest('/wp/v2/posts', { method: 'POST', body: JSON.stringify(fields) });
    await make({
      title: 'The harbour', status: 'publish', slug: 'the-harbour', excerpt: 'Boats and light.', date_gmt: '2023-06-01T08:00:00',
      content: `<!-- wp:paragraph --><p>Boats at <em>dawn</em>.</p><!-- /wp:paragraph -->\n<!-- wp:image --><figure class="wp-block-image"><img src="${media.source_url}" alt="The harbour"/></figure><!-- /wp:image -->\n<!-- wp:table --><figure class="wp-block-table"><table><thead><tr><th>Boat</th><th>Length</th></tr></thead><tbody><tr><td>Skiff</td><td>4 m</td></tr></tbody></table></figure><!-- /wp:table -->\n<!-- wp:code --><pre class="wp-block-code"><code>ls -la</code></pre><!-- /wp:code -->`,
      tags: [tag.id], categories: [category.id], featured_media: media.id,
    });
    await make({ title: 'Unfinished', status: 'draft', content: '<p>Later.</p>' });
    wxr = await wp.php(`require_once ABSPATH . 'wp-admin/includes/export.php'; ob_start(); export_wp(array('content' => 'all')); echo ob_get_clean();`);
  }, 120_000);
  afterAll(async () => {
    lib?.remove();
    await wp?.stop();
  });

  it('imports the export: posts, drafts, front matter and images from the site', async () => {
    expect(wxr).toMatch(/^<\?xml/);
    expect(wxr).toContain('wordpress.org/export/');
    const source = importSourceForFile(wxr, 'postwright.WordPress.2026-01-01.xml');
    expect(source.target).toBeNull();
    const target = libraryImportTarget(lib.library);
    const summary = await runImport(source, target);
    // WordPress's own "Hello world!" is there too.
    expect(summary).toMatchObject({ added: 3, updated: 0, conflicts: [], failedImages: [] });

    const posts = await Promise.all((await lib.library.list()).map(async (s) => ({ id: s.id, ...parsePostFile((await lib.library.get(s.id)).text) })));
    const harbour = posts.find((p) => p.data.title === 'The harbour')!;
    expect(harbour.data).toMatchObject({ slug: 'the-harbour', status: 'published', date: '2023-06-01T08:00:00Z', tags: ['Sea & Sky'], categories: ['Travel'], excerpt: 'Boats and light.' });
    expect(String(harbour.data.imported_from)).toMatch(new RegExp(`^${wp.url.replace(/[.]/g, '\\.')}/`));
    expect(harbour.body).toContain('Boats at *dawn*.');
    expect(harbour.body).toContain('| Boat | Length |');
    expect(harbour.body).toContain('```\nls -la\n```');
    expect(harbour.body).not.toContain(mediaUrl);
    const image = /!\[The harbour\]\(([0-9a-f]{16}\.png)\)/.exec(harbour.body)?.[1];
    expect(image).toBeDefined();
    expect(existsSync(path.join(lib.root, 'posts', harbour.id, image!))).toBe(true);
    expect(harbour.data.cover).toBe(image);
    expect(posts.find((p) => p.data.title === 'Unfinished')?.data).toMatchObject({ status: 'draft' });

    const again = await runImport(importSourceForFile(wxr, 'postwright.WordPress.2026-01-01.xml'), target);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, conflicts: [] });
  });
});
