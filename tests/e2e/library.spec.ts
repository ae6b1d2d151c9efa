import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { ROOT, startHost } from './host';

function writePost(library: string, id: string, text: string): string {
  const dir = path.join(library, 'posts', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), text);
  return path.join(dir, 'index.md');
}

const post = (title: string, extra: string, body: string) => `---\ntitle: ${title}\n${extra}---\n\n${body}\n`;

test('history keeps saves and outside edits; an older version can be compared and restored', async ({ host, studio, page, library }) => {
  const file = writePost(library, 'bread', post('Bread science', '', 'Yeast eats sugar.'));
  await studio.open(host);
  await studio.openPost('Bread science');
  await studio.typeAtEnd(' It makes carbon dioxide.');
  await studio.save();
  const mine = readFileSync(file, 'utf8');
  // Another program rewrites the post; the clean editor takes the new text.
  writeFileSync(file, post('Bread science', '', 'Rewritten elsewhere.'));
  await expect(studio.editorContent).toContainText('Rewritten elsewhere.');

  await page.getByRole('button', { name: 'History' }).click();
  const dialog = page.getByRole('dialog', { name: 'History' });
  const revisions = dialog.getByRole('list', { name: 'Revisions' }).getByRole('button');
  await expect(revisions.first()).toContainText('Changed outside Postwright');
  await revisions.filter({ hasText: 'Saved' }).first().click();
  await expect(dialog.getByTestId('revision-diff').locator('.removed')).toContainText('It makes carbon dioxide.');
  await expect(dialog.getByTestId('revision-diff').locator('.added')).toContainText('Rewritten elsewhere.');
  await dialog.getByRole('button', { name: 'Restore this version' }).click();

  await expect(dialog).toBeHidden();
  await expect(studio.editorContent).toContainText('Yeast eats sugar. It makes carbon dioxide.');
  await expect.poll(() => readFileSync(file, 'utf8')).toBe(mine);
  await page.getByRole('button', { name: 'History' }).click();
  await expect(revisions.first()).toContainText('Restored');
});

test('a deleted post goes to the trash and comes back from there', async ({ host, studio, page, library }) => {
  writePost(library, 'volcano', post('Baking-soda volcano', 'date: 2026-10-01\n', 'Vinegar and baking soda.'));
  await studio.open(host);
  await studio.openPost('Baking-soda volcano');
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('notice')).toContainText('moved to the trash');
  await expect(studio.post('Baking-soda volcano')).toHaveCount(0);

  await page.getByRole('button', { name: 'Trash' }).click();
  const trash = page.getByRole('dialog', { name: 'Trash' });
  await trash.getByRole('listitem').filter({ hasText: 'Baking-soda volcano' }).getByRole('button', { name: 'Restore' }).click();
  await expect(studio.post('Baking-soda volcano')).toHaveAttribute('aria-selected', 'true');
  await expect(studio.editorContent).toContainText('Vinegar and baking soda.');
  expect(readFileSync(path.join(library, 'posts', 'volcano', 'index.md'), 'utf8')).toContain('Vinegar');
});

test('search finds words in the body with the match highlighted; filters narrow the list', async ({ host, studio, page, library }) => {
  writePost(library, 'photosynthesis', post('How leaves eat light', 'status: published\ntags: [biology]\ndate: 2026-09-01\n', 'Chlorophyll absorbs red and blue light.'));
  writePost(library, 'rust', post('Why iron rusts', 'status: draft\ntags: [chemistry]\ndate: 2026-09-02\n', 'Oxygen and water attack iron.'));
  await studio.open(host);

  await page.getByLabel('Search posts').fill('chlorophyll');
  await expect(studio.posts.getByRole('option')).toHaveCount(1);
  await expect(studio.posts.getByRole('option').locator('mark')).toHaveText(/chlorophyll/i);
  await page.getByLabel('Search posts').fill('');

  await page.getByLabel('Status').selectOption('published');
  await expect(studio.posts.getByRole('option')).toHaveText([/How leaves eat light/]);
  await page.getByLabel('Status').selectOption('all');
  await page.getByLabel('Tag').selectOption('chemistry');
  await expect(studio.posts.getByRole('option')).toHaveText([/Why iron rusts/]);
});

test('an outside edit reloads a clean post and asks about an edited one', async ({ host, studio, page, library }) => {
  const file = writePost(library, 'tides', post('Tides', '', 'The moon pulls the sea.'));
  await studio.open(host);
  await studio.openPost('Tides');

  writeFileSync(file, post('Tides', '', 'The moon and the sun pull the sea.'));
  await expect(studio.editorContent).toContainText('The moon and the sun pull the sea.');
  await expect(page.getByTestId('conflict')).toHaveCount(0);

  await studio.typeAtEnd('\nMy unsaved line.');
  writeFileSync(file, post('Tides', '', 'Edited in another program.'));
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toBeVisible();
  await expect(studio.editorContent).toContainText('My unsaved line.');
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toBeHidden();
  await expect.poll(() => readFileSync(file, 'utf8')).toContain('My unsaved line.');
});

test('unsaved text survives a crash of the host and is offered back at the next start', async ({ host, studio, page, library }) => {
  const file = writePost(library, 'crash', post('Crash test', '', 'Saved text.'));
  await studio.open(host);
  await studio.openPost('Crash test');
  // Saves never reach the host (as if it hung), so the text is only in the editor and its backup.
  await page.route('**/api/posts.save', (route) => route.abort());
  await studio.typeAtEnd('\nWords typed just before the crash.');
  // The backup may first catch the typing half-way; wait for the one holding all of it.
  const backedUp = async () => (await page.request.post(`${host.origin}/api/backups.list`, { data: [] })).json().then((r: { value: { text: string }[] }) => r.value.map((b) => b.text));
  await expect.poll(backedUp).toEqual([expect.stringContaining('Words typed just before the crash.')]);
  await host.stop('SIGKILL');
  await page.unrouteAll();

  const again = await startHost(library);
  try {
    await studio.open(again);
    const recover = page.getByRole('dialog', { name: 'Recover unsaved text' });
    await expect(recover).toContainText('Crash test');
    await recover.getByRole('button', { name: 'Recover' }).click();
    await expect(studio.editorContent).toContainText('Words typed just before the crash.');
    await expect(studio.saveState).toHaveText('Saved');
    expect(readFileSync(file, 'utf8')).toContain('Words typed just before the crash.');
  } finally {
    await again.stop();
  }
});

test('a post with broken front matter opens, says where the error is, and keeps the text', async ({ host, studio, page, library }) => {
  const broken = '---\ntitle: "Unclosed\ntags: [a\n---\n\nThe body is fine.\n';
  const file = writePost(library, 'broken', broken);
  await studio.open(host);
  await studio.post('broken').click();
  await expect(page.getByTestId('frontmatter-problem')).toContainText('line');
  await expect(studio.editorContent).toContainText('The body is fine.');
  expect(readFileSync(file, 'utf8')).toBe(broken);
});

test('a WordPress export is imported from the sidebar, and importing again adds nothing', async ({ host, studio, page }) => {
  const wxr = path.join(ROOT, 'tests', 'unit', 'import', 'fixtures', 'blog.wxr');
  await studio.open(host);
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import posts' });
  await dialog.getByLabel(/export file/).setInputFiles(wxr);
  await expect(dialog.getByTestId('import-result')).toContainText('3 added, 0 updated, 0 unchanged');
  await expect(studio.post('Tables & code')).toBeVisible();
  await dialog.getByLabel(/export file/).setInputFiles(wxr);
  await expect(dialog.getByTestId('import-result')).toContainText('0 added, 0 updated, 3 unchanged');
  await page.keyboard.press('Escape');
  await studio.openPost('Tables & code');
  await expect(studio.articleBody.locator('table')).toBeVisible();
});
