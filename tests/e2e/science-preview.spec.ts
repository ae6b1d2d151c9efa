/// Science writing in the preview: citations formatted from the post's bibliography, unknown
/// keys marked, and the preview following the .bib file when it changes on disk.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { openReview } from './science';

test.beforeEach(async ({ host, library, studio }) => {
  await openReview(host, library, studio);
});

test('citations, numbered figures and the bibliography appear in the preview', async ({ studio }) => {
  const article = studio.articleBody;
  await expect(article.locator('a.citation').first()).toHaveText('Okafor & Lindqvist (2024)');
  await expect(article.locator('#refs .csl-entry')).toHaveCount(8);
  await expect(article.locator('figure#fig\\:growth figcaption')).toHaveText(/^Figure 1: Mean seedling height/);
  await expect(article.locator('a.xref', { hasText: 'Table 1' })).toHaveAttribute('href', '#tbl:height');
});

test('a key that is not in the bibliography is marked, and the rest still renders', async ({ studio }) => {
  await studio.typeAtEnd('\nAs argued before [@nobody1999].\n');
  const missing = studio.articleBody.locator('.citation-missing');
  await expect(missing).toHaveText('[@nobody1999]');
  await expect(missing).toHaveAttribute('title', /nobody1999/);
  await expect(studio.articleBody.locator('#refs .csl-entry')).toHaveCount(8);
});

test('editing the .bib file on disk updates the preview', async ({ library, studio }) => {
  const bib = path.join(library, 'posts', 'radish-review', 'refs.bib');
  await expect(studio.articleBody.locator('#ref-okafor2024')).toContainText('Soil moisture and the growth of radish seedlings');
  writeFileSync(bib, readFileSync(bib, 'utf8').replace('Soil moisture and the growth of radish seedlings', 'Soil moisture and radish seedlings, revisited'));
  await expect(studio.articleBody.locator('#ref-okafor2024')).toContainText('Soil moisture and radish seedlings, revisited');
});

test('switching the style to IEEE renumbers in order of citation', async ({ library, studio }) => {
  await expect(studio.articleBody.locator('a.citation').first()).toHaveText('Okafor & Lindqvist (2024)');
  // The post changed by another program (a text editor, git): the preview follows.
  const post = path.join(library, 'posts', 'radish-review', 'index.md');
  writeFileSync(post, readFileSync(post, 'utf8').replace('csl: apa', 'csl: ieee'));
  await expect(studio.articleBody.locator('a.citation').first()).toHaveText('Okafor and Lindqvist [1]');
  await expect(studio.articleBody.locator('#ref-okafor2024 .csl-left-margin')).toHaveText('[1]');
});
