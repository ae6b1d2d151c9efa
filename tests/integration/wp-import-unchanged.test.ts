/// A post published to WordPress from one library, then imported into a fresh library from that
/// WordPress, is already on the blog: publishing it unedited from the new library sends nothing
/// and leaves the blog's post (its content, key and modified time) as it was.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceForTarget } from '../../main/import';
import { runImport } from '../../main/import/run';
import { libraryImportTarget } from '../../main/import/target';
import type { PublishService } from '../../main/publish/service';
import { hasWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary } from './publish-fixtures';
import { basic, startWordPressBlog, type WordPressBlog } from './wordpress-blog';

const ID = 'unchanged-post';
// Constructs the way back reads as they were written (table alignment, a code block's language
// and embeds do not come back yet: see the report), with an image used twice and a footnote.
const BODY = `## Why *ferment*?

Fermenting is **slow cooking** by [microbes](https://example.com/microbes), with ~~no~~ little \`effort\`.[^1]

- salt, about 2 % by weight
- temperature, 18–22 °C

> Patience is a *flavour*.

![A jar of sauerkraut](jar.png)

![The crock](crock.png "My grandmother's crock")

The jar again:

![A jar of sauerkraut](jar.png)

[^1]: Lactobacillus does the work.
`;
const TEXT = `---\ntitle: Unchanged post\nslug: unchanged-post\ndate: 2024-03-04\nstatus: published\ntags: [science]\n---\n\n${BODY}`;

interface WpPost { id: number; modified_gmt: string; content: { raw: string } }

describe.skipIf(!hasWordPress)(hasWordPress ? 'wp-import: an imported, unedited post' : 'wp-import: an imported, unedited post (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let service: PublishService;
  let blog: WordPressBlog;
  let remoteId = '';
  const settings = () => blog.settings();
  const remote = async (): Promise<WpPost> => {
    const response = await fetch(`${wp.url}/wp-json/wp/v2/posts/${remoteId}?context=edit`, { headers: { Authorization: basic(wp.username, wp.appPassword) }, signal: AbortSignal.timeout(15_000) });
    expect(response.ok).toBe(true);
    return (await response.json()) as WpPost;
  };
  const count = async (): Promise<number> => {
    const response = await fetch(`${wp.url}/wp-json/wp/v2/posts?status=any&context=edit&per_page=100`, { headers: { Authorization: basic(wp.username, wp.appPassword) }, signal: AbortSignal.timeout(15_000) });
    return ((await response.json()) as unknown[]).length;
  };

  beforeAll(async () => {
    blog = await startWordPressBlog((lib) => {
      lib.writePost(TEXT, ID);
      copyFileSync(path.join(lib.root, 'posts', ID, 'img', 'crock.png'), path.join(lib.root, 'posts', ID, 'crock.png'));
    });
    ({ wp, service } = blog);
    const result = await service.publish(ID, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: true });
    if (result.kind === 'published') remoteId = result.remoteId;
  }, 300_000);
  afterAll(() => blog?.stop());

  it('publishes from the other library as “nothing changed”, and the blog keeps its post as it was', async () => {
    const before = await remote();
    const posts = await count();
    const other = await makeLibrary();
    const otherService = other.service();
    try {
      await otherService.start();
      await otherService.targets.add({ settings: settings(), secret: wp.appPassword });
      const summary = await runImport(importSourceForTarget(settings(), wp.appPassword), libraryImportTarget(other.library));
      expect(summary.failedImages).toEqual([]);
      const result = await otherService.publish(ID, 'blog');
      expect(result).toMatchObject({ kind: 'published', created: false, unchanged: true, remoteId, uploaded: 0 });
      const after = await remote();
      expect(after.modified_gmt).toBe(before.modified_gmt);
      expect(after.content.raw).toBe(before.content.raw);
      expect(await count()).toBe(posts);
    } finally {
      otherService.close();
      other.remove();
    }
  }, 120_000);
});
