/// The way back from a real WordPress: the published post imports into another library as the
/// very markdown that was sent, and an edit made on the blog comes in with every construct as
/// it was written.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSourceForTarget } from '../../main/import';
import { runImport } from '../../main/import/run';
import { libraryImportTarget } from '../../main/import/target';
import type { PublishService } from '../../main/publish/service';
import { parsePostFile } from '../../shared/frontmatter';
import { hasWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, type TestLibrary } from './publish-fixtures';
import { RICH_BODY, RICH_ID, richPost } from './ghost-wayback-fixture';
import { startWordPressBlog, type WordPressBlog } from './wordpress-blog';

describe.skipIf(!hasWordPress)(hasWordPress ? 'the way back from WordPress' : 'the way back from WordPress (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let lib: TestLibrary;
  let service: PublishService;
  let remoteId = '';
  let blog: WordPressBlog;
  const rest = <T,>(route: string, init?: RequestInit) => blog.rest<T>(route, init);
  const settings = () => blog.settings();

  beforeAll(async () => {
    blog = await startWordPressBlog((lib) => {
      lib.writePost(richPost(), RICH_ID);
      copyFileSync(path.join(lib.root, 'posts', RICH_ID, 'img', 'crock.png'), path.join(lib.root, 'posts', RICH_ID, 'crock.png'));
    });
    ({ wp, lib, service } = blog);
    const result = await service.publish(RICH_ID, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: true });
    if (result.kind === 'published') remoteId = result.remoteId;
  }, 300_000);
  afterAll(() => blog?.stop());

  it('imports the published post into another library as the very markdown that was sent', async () => {
    const other = await makeLibrary();
    try {
      const otherService = other.service();
      await otherService.targets.add({ settings: settings(), secret: wp.appPassword });
      const summary = await runImport(importSourceForTarget(settings(), wp.appPassword), libraryImportTarget(other.library));
      expect(summary.failedImages).toEqual([]);
      const imported = await other.library.get(RICH_ID);
      expect(parsePostFile(imported.text).body).toBe(`\n${RICH_BODY}`);
      otherService.close();
    } finally {
      other.remove();
    }
  }, 90_000);

  it('brings an edit made on the blog in with every construct as it was written', async () => {
    const post = await rest<{ content: { raw: string } }>(`/wp/v2/posts/${remoteId}?context=edit`);
    const raw = post.content.raw.replace('<hr class="footnotes-sep">', '<p>Added in WordPress.</p>\n<hr class="footnotes-sep">');
    expect(raw).toContain('Added in WordPress.');
    await rest(`/wp/v2/posts/${remoteId}`, { method: 'POST', body: JSON.stringify({ content: raw }) });
    expect(await service.publish(RICH_ID, 'blog', { takeRemote: true })).toMatchObject({ kind: 'took-remote' });
    const body = parsePostFile((await lib.library.get(RICH_ID)).text).body;
    expect(body).toBe(`\n${RICH_BODY.replace('[^1]: ', 'Added in WordPress.\n\n[^1]: ')}`);
  }, 60_000);
});
