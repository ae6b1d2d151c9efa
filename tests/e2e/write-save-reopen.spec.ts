import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { startHost } from './host';

test('a first run shows the welcome post in the list, the editor and the preview', async ({ host, studio }) => {
  await studio.open(host);
  await expect(studio.post('Welcome to Postwright')).toHaveAttribute('aria-selected', 'true');
  // The front matter is folded into one line; the Details panel edits it.
  await expect(studio.editorContent).toContainText('Welcome to Postwright · draft · 1 tag');
  await expect(studio.preview.getByRole('heading', { level: 1 })).toHaveText('Welcome to Postwright');
  await expect(studio.articleBody.locator('table td').first()).toHaveText('Yogurt');
  await expect(studio.articleBody.locator('.katex').first()).toBeVisible();
});

test('text typed into the editor shows in the preview, is saved to disk and survives a restart', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Tide pools at dawn');
  await studio.typeAtEnd('## What we found\n\nThe **anemones** closed as the tide went out.\n\n- sea stars: 4\nhermit crabs: 11'); // Enter continues the list

  await expect(studio.articleBody.getByRole('heading', { level: 2 })).toHaveText('What we found');
  await expect(studio.articleBody.locator('strong')).toHaveText('anemones');
  await expect(studio.articleBody.locator('li')).toHaveText(['sea stars: 4', 'hermit crabs: 11']);

  await studio.save();
  const file = path.join(library, 'posts', 'tide-pools-at-dawn', 'index.md');
  const onDisk = readFileSync(file, 'utf8');
  expect(onDisk).toContain('title: Tide pools at dawn');
  expect(onDisk).toContain('The **anemones** closed as the tide went out.');
  await page.screenshot({ path: 'test-results/screens/split.png' });

  await host.stop();
  const again = await startHost(library);
  try {
    await studio.open(again);
    await studio.openPost('Tide pools at dawn');
    await page.getByRole('button', { name: 'Show the front matter' }).click();
    expect(await studio.editorText()).toBe(onDisk);
    await expect(studio.articleBody.locator('strong')).toHaveText('anemones');
  } finally {
    await again.stop();
  }
});

test('autosave writes the text a moment after typing stops', async ({ host, library, studio }) => {
  await studio.open(host);
  await studio.openPost('Welcome to Postwright');
  await studio.typeAtEnd('\nA line written without pressing save.');
  await expect(studio.saveState).toHaveText('Saved');
  const file = path.join(library, 'posts', 'welcome', 'index.md');
  await expect.poll(() => readFileSync(file, 'utf8')).toContain('A line written without pressing save.');
});
