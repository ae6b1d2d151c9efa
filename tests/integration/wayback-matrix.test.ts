/// The rich post on the real WordPress, Ghost, Hugo and Jekyll: it publishes natively, verifies
/// clean, republishes as nothing changed, comes back byte for byte (bring theirs in, and an import
/// into the library that published it), imports into a fresh library with every construct as it
/// was, and a remote edit is a conflict whose message shows the changed lines.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeConflict } from '../../main/cli/conflict';
import { importSourceForTarget, runImport } from '../../main/import';
import { libraryImportTarget } from '../../main/import/target';
import { PublishError } from '../../main/publish/errors';
import type { PublishService } from '../../main/publish/service';
import { createNodePurify } from '../../main/render/node-purify';
import { parsePostFile } from '../../shared/frontmatter';
import { renderArticle } from '../../shared/render';
import { RICH_BODY, RICH_ID } from './ghost-wayback-fixture';
import { makeLibrary, type TestLibrary } from './publish-fixtures';
import { BACKENDS, type RunningBlog } from './wayback-backends';

// A paragraph as bloggers write it, wrapped where they pressed Enter: no blog keeps those line
// breaks, so only the kept publish gives them back.
const BODY = `A paragraph written in an editor that wraps lines
where the writer pressed Enter, and *keeps* them.

${RICH_BODY}`;
const TEXT = `---\ntitle: Rich post\nslug: rich-post\ndate: 2024-03-04\nstatus: published\ntags: [science]\n---\n\n${BODY}`;
const bodyOf = (text: string) => parsePostFile(text).body;
// What a reader sees: the same HTML, whatever the line breaks inside a paragraph (and the
// preview's source-line marks, which count the blank line after the front matter).
const rendered = (body: string) => renderArticle(body, createNodePurify()).replace(/ data-line="\d+"/g, '').replace(/\s+/g, ' ');

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`the way back on ${backend.name}${backend.skip ? ` (skipped: ${backend.skip})` : ''}`, () => {
    let blog: RunningBlog;
    let lib: TestLibrary;
    let service: PublishService;
    let remoteId = '';
    let published = '';

    const images = (root: string) => ['jar.png', 'crock.png'].map((file) => readFileSync(path.join(root, 'posts', RICH_ID, file)));
    const importInto = (into: TestLibrary) => runImport(importSourceForTarget(blog.settings, blog.secret), libraryImportTarget(into.library));

    beforeAll(async () => {
      [blog, lib] = await Promise.all([backend.start(), makeLibrary()]);
      lib.writePost(TEXT, RICH_ID);
      copyFileSync(path.join(lib.root, 'posts', RICH_ID, 'img', 'crock.png'), path.join(lib.root, 'posts', RICH_ID, 'crock.png'));
      service = lib.service();
      await service.start();
      await service.targets.add({ settings: blog.settings, ...(blog.secret ? { secret: blog.secret } : {}) });
    }, 300_000);
    afterAll(async () => {
      service?.close();
      lib?.remove();
      await blog?.stop();
    });

    it('publishes the rich post natively, and it verifies clean', async () => {
      const result = await service.publish(RICH_ID, 'blog');
      expect(result).toMatchObject({ kind: 'published', created: true, uploaded: blog.uploads });
      if (result.kind !== 'published') return;
      expect(result.warnings).toBeUndefined();
      expect(result.brokenImages).toBeUndefined();
      remoteId = result.remoteId;
      const stored = await blog.stored(remoteId);
      for (const piece of blog.native) expect(stored, piece).toContain(piece);
      published = (await lib.library.get(RICH_ID)).text;
      expect(bodyOf(published)).toBe(`\n${BODY}`);
    }, 120_000);

    it('republishes as nothing changed and uploads nothing', async () => {
      const before = await blog.stored(remoteId);
      expect(await service.publish(RICH_ID, 'blog')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
      expect(await blog.stored(remoteId)).toBe(before);
    }, 60_000);

    it('brings the unchanged remote version in as the very markdown that was published', async () => {
      await lib.rewrite(TEXT.replace('The jar again:', 'The jar again, edited here:'), RICH_ID);
      expect(await service.publish(RICH_ID, 'blog', { takeRemote: true })).toMatchObject({ kind: 'took-remote' });
      expect((await lib.library.get(RICH_ID)).text).toBe(published);
      expect(await service.publish(RICH_ID, 'blog')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
    }, 60_000);

    it('imports the unchanged post back, byte for byte, into the library that published it', async () => {
      const original = images(lib.root);
      await lib.library.delete(RICH_ID);
      const summary = await importInto(lib);
      expect(summary.failedImages.filter((f) => f.postId === RICH_ID)).toEqual([]);
      expect((await lib.library.get(RICH_ID)).text).toBe(published);
      expect(images(lib.root)).toEqual(original);
      expect(await service.publish(RICH_ID, 'blog')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
    }, 120_000);

    it('imports into a fresh library with every construct and image name as it was', async () => {
      const fresh = await makeLibrary();
      try {
        const summary = await importInto(fresh);
        expect(summary.failedImages.filter((f) => f.postId === RICH_ID)).toEqual([]);
        expect((summary.keptAsHtml ?? []).filter((k) => k.postId === RICH_ID)).toEqual([]);
        const body = bodyOf((await fresh.library.get(RICH_ID)).text);
        expect(rendered(body)).toBe(rendered(BODY));
        expect(images(fresh.root)).toEqual(images(lib.root));
      } finally {
        fresh.remove();
      }
    }, 120_000);

    it('shows a remote edit as a conflict with the changed lines, and brings it in when asked', async () => {
      await blog.editRemote(remoteId, 'The jar again:', 'The jar, once more:');
      await lib.rewrite(TEXT.replace('1. Chop', '1. Chop finely'), RICH_ID);
      const error = await service.publish(RICH_ID, 'blog').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      if (!(error instanceof PublishError)) return;
      expect(error.kind).toBe('conflict');
      const local = (await lib.library.get(RICH_ID)).text;
      const shown = describeConflict(error.remote!, { title: 'Rich post', body: bodyOf(local) }, 'blog');
      expect(shown).toContain('- The jar, once more:');
      expect(shown).toContain('+ The jar again:');
      expect(shown).toMatch(/--overwrite[\s\S]*--take-remote/);

      expect(await service.publish(RICH_ID, 'blog', { takeRemote: true })).toMatchObject({ kind: 'took-remote' });
      const body = bodyOf((await lib.library.get(RICH_ID)).text);
      expect(rendered(body)).toBe(rendered(BODY.replace('The jar again:', 'The jar, once more:')));
    }, 120_000);
  });
}
