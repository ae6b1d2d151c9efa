/// Every path that replaces a post's text keeps the replaced text in history first: an edit made
/// in another editor (with no watcher running, as with the CLI) is never thrown away by a restore,
/// an import, "bring theirs in", or "keep mine".
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { libraryImportTarget } from '../../../main/import/index';
import { Library } from '../../../main/library/library';
import { hashText } from '../../../main/library/post-file';
import { PublishPipeline } from '../../../main/publish/pipeline';
import { libraryPostStore } from '../../../main/publish/post-store';
import { FakeBlog } from '../../unit/publish/fakes';

let root: string;
let library: Library;
const POST = '---\ntitle: Field notes\nstatus: published\n---\nWhat I saw on Monday.\n';
const EDITED = '---\ntitle: Field notes\nstatus: published\n---\nWhat I saw on Monday, and on Tuesday: not published yet.\n';

/// The blogger edits the file in another editor while Postwright is not watching.
const editElsewhere = (text: string) => fs.writeFile(path.join(root, 'posts', 'notes', 'index.md'), text);
const historyHashes = async () => (await library.revisions.list('notes')).map((revision) => revision.hash);

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-fs-history-'));
  library = await new Library(root).open();
  await library.save('notes', POST, null);
  await editElsewhere(EDITED);
});
afterEach(async () => {
  await library.close();
  await fs.rm(root, { recursive: true, force: true });
});

it('keeps the text on disk before restoring an older version', async () => {
  const [first] = await library.revisions.list('notes');
  await library.restoreRevision('notes', first!.id);
  expect((await library.get('notes')).text).toBe(POST);
  expect(await historyHashes()).toContain(hashText(EDITED));
});

it('keeps the text on disk before an import replaces it', async () => {
  const target = libraryImportTarget(library);
  const current = (await target.read('notes'))!;
  await target.write('notes', '---\ntitle: Field notes\n---\nThe blog’s older copy.\n', current.hash);
  expect(await historyHashes()).toContain(hashText(EDITED));
});

it('keeps the unpublished local edit before bringing the remote version in', async () => {
  const blog = new FakeBlog();
  const pipeline = new PublishPipeline({ store: libraryPostStore(library), libraryRoot: root, target: async () => ({ name: 'blog', publisher: blog }) });
  await editElsewhere(POST);
  await pipeline.publish('notes', 'blog');
  const published = (await library.get('notes')).text;
  await editElsewhere(published.replace('What I saw on Monday.', 'What I saw on Monday, and on Tuesday: not published yet.'));
  const local = (await library.get('notes')).text;
  blog.editRemotely('1', '<p>Edited on the blog.</p>');
  expect(await pipeline.publish('notes', 'blog', { takeRemote: true })).toMatchObject({ kind: 'took-remote' });
  expect((await library.get('notes')).text).toContain('Edited on the blog.');
  expect(await historyHashes()).toContain(hashText(local));
});

it('keeps the text on disk when the blogger overwrites it with their own ("keep mine")', async () => {
  await library.save('notes', '---\ntitle: Field notes\n---\nMine wins.\n', null);
  expect(await historyHashes()).toContain(hashText(EDITED));
});
