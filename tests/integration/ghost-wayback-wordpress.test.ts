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
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, type TestLibrary } from './publish-fixtures';
import { RICH_BODY, RICH_ID, richPost } from './ghost-wayback-fixture';
import { warmBlockSerializer } from '../../main/publish/wp-blocks/serialize';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe.skipIf(!hasWordPress)(hasWordPress ? 'the way back from WordPress' : 'the way back from WordPress (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let lib: TestLibrary;
  let service: PublishService;
  let remoteId = '';
  const rest = async <T>(route: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${wp.url}/wp-json${route}`, { ...init, headers: { Authorization: basic(wp.username, wp.appPassword), 'Content-Type': 'application/json', ...init.headers }, signal: AbortSignal.timeout(15_000) });
    expect(response.ok, `${route}: ${response.status}`).toBe(true);
    return (await response.json()) as T;
  };
  const settings = () => ({ name: 'blog', kind: 'wordpress' as const, siteUrl: wp.url, username: wp.username });

  beforeAll(async () => {
    // WordPress's block library loads once, before the tests: it can take a minute on a busy machine.
    [wp, lib] = await Promise.all([startWordPress(), makeLibrary(), warmBlockSerializer()]);
    lib.writePost(richPost(), RICH_ID);
    copyFileSync(path.join(lib.root, 'posts', RICH_ID, 'img', 'crock.png'), path.join(lib.root, 'posts', RICH_ID, 'crock.png'));
    service = lib.service();
    await service.start();
    await service.targets.add({ settings: settings(), secret: wp.appPassword });
    const result = await service.publish(RICH_ID, 'blog');
    expect(result).toMatchObject({ kind: 'published', created: true });
    if (result.kind === 'published') remoteId = result.remoteId;
  }, 300_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await wp?.stop();
  });

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
