/// The writing surface at the window sizes writers use, from a small laptop to a 4K screen:
/// every toolbar control within reach, the title readable, popovers that close like popovers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { removeLibrary, startHost, tempLibrary, type RunningHost } from './host';
import { expect, test, type Studio } from './fixtures';

const SIZES = [
  { width: 800, height: 600 },
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 2560, height: 1440 },
];

const TITLE = 'Counting lichens on the north wall of the old churchyard';

/// A post and three blogs to publish it to, none of them ever asked (status is computed offline).
function seed(library: string): void {
  const dir = path.join(library, 'posts', 'lichens');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), `---\ntitle: ${TITLE}\nstatus: draft\n---\n\nThe north wall has *Xanthoria* in every crack.\n`);
  mkdirSync(path.join(library, '.postwright'), { recursive: true });
  const targets = ['Class blog', 'Lab site', 'Field notes'].map((name, i) => ({ name, kind: 'wordpress', siteUrl: `http://127.0.0.1:${9 + i}`, username: 'me' }));
  writeFileSync(path.join(library, '.postwright', 'targets.json'), JSON.stringify({ version: 1, targets }));
}

/// The control's box lies wholly inside the window, and a click would land on it.
async function expectReachable(page: Page, name: string, where = page.locator('.toolbar')): Promise<void> {
  const control = where.getByRole('button', { name, exact: true }).or(where.getByRole('menuitem', { name, exact: true })).first();
  await expect(control, `${name} is shown`).toBeVisible();
  const box = await control.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) throw new Error(`${name} has no box`);
  expect(box.x, `${name} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name} ends inside the window (${size.width}px)`).toBeLessThanOrEqual(size.width);
  expect(box.y + box.height, `${name} is above the bottom`).toBeLessThanOrEqual(size.height);
  await control.click({ trial: true });
}

/// Details, History and Delete are in the toolbar or, when the window is narrow, in its menu.
async function expectSecondaryReachable(page: Page, name: string): Promise<void> {
  const inline = page.locator('.toolbar').getByRole('button', { name, exact: true });
  if (await inline.isVisible()) return expectReachable(page, name);
  await page.getByRole('button', { name: 'More actions' }).click();
  await expectReachable(page, name, page.getByRole('menu', { name: 'More actions' }));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'More actions' })).toBeHidden();
}

async function openLichens(studio: Studio, host: RunningHost): Promise<void> {
  await studio.open(host);
  await studio.openPost(TITLE);
  await expect(studio.page.getByTestId('publish-state')).toBeVisible();
}

test('at every window size each toolbar control is within reach and the title stays readable', async ({ host, library, studio, page }) => {
  seed(library);
  await openLichens(studio, host);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const name of ['Publish', 'Appearance', 'Write', 'Split', 'Preview']) await expectReachable(page, name);
    for (const name of ['Details', 'History', 'Delete']) await expectSecondaryReachable(page, name);
    const title = await page.locator('.toolbar-title').boundingBox();
    expect(title?.width ?? 0, `the title has room to read at ${size.width}px`).toBeGreaterThanOrEqual(160);
    const chips = page.getByTestId('publish-state').locator('.publish-state:visible');
    if (size.width < 1440) {
      // Three targets would squeeze the title: one chip sums them up.
      await expect(chips).toHaveCount(1);
      await expect(chips).toHaveText('Not published on 3 blogs');
    }
    const chipBox = await page.getByTestId('publish-state').boundingBox();
    expect((chipBox?.x ?? 0) + (chipBox?.width ?? 0)).toBeLessThanOrEqual(size.width);
  }
});

test('the Appearance popover closes on Escape and on a click outside it', async ({ host, library, studio, page }) => {
  seed(library);
  await openLichens(studio, host);
  const popover = page.getByRole('dialog', { name: 'Appearance' });
  await page.getByRole('button', { name: 'Appearance' }).click();
  await expect(popover).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(page.getByRole('button', { name: 'Appearance' })).toBeFocused();

  await page.getByRole('button', { name: 'Appearance' }).click();
  await popover.getByRole('button', { name: 'Dark' }).click();
  await expect(popover, 'a choice inside keeps it open').toBeVisible();
  await studio.editorContent.click();
  await expect(popover).toBeHidden();
});

test('screens at four sizes, light and dark', async ({ host, library, studio, page }) => {
  seed(library);
  await openLichens(studio, host);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect(page.locator('.toolbar-title')).toBeVisible();
      await page.screenshot({ path: `test-results/screens/layout-${size.width}x${size.height}-${scheme}.png` });
    }
  }
});

test('in a narrow window the sidebar folds to a rail and the posts are one click away', async ({ host, library, studio, page }) => {
  seed(library);
  await openLichens(studio, host);
  await page.setViewportSize({ width: 800, height: 600 });
  await expect(studio.posts, 'the list gives its room to the text').toBeHidden();
  await page.getByRole('button', { name: 'Posts', exact: true }).click();
  await expectReachable(page, 'New post', page.locator('.sidebar-panel'));
  await page.screenshot({ path: 'test-results/screens/layout-800x600-sidebar-open.png' });
  await studio.post('Welcome to Postwright').click();
  await expect(page.locator('.toolbar-title')).toHaveText('Welcome to Postwright');
  await expect(studio.posts, 'choosing a post folds the list away').toBeHidden();
  await page.getByRole('button', { name: 'Posts', exact: true }).click();
  await expect(studio.posts).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(studio.posts).toBeHidden();
});

/// Red, green and blue of an element's background, 0–255.
async function backgroundOf(locator: Locator): Promise<number[]> {
  const css = await locator.evaluate((element) => getComputedStyle(element).backgroundColor);
  return (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
}

/// A WordPress export of two posts, one with an image on a server that is not there.
function twoPostExport(): Buffer {
  const item = (id: number, title: string, body: string) =>
    `<item><title>${title}</title><content:encoded><![CDATA[${body}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt><![CDATA[2024-03-0${id} 10:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[post-${id}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type></item>`;
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" ?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Moss notes</title><link>https://moss.example</link><wp:wxr_version>1.2</wp:wxr_version>` +
      item(1, 'Moss in winter', '<p>Green all year.</p><img src="http://127.0.0.1:9/moss.png" alt="Moss">') +
      item(2, 'Moss in spring', '<p>Spore capsules.</p>') +
      `</channel></rss>`,
  );
}

test('a finished import reads as a success, in words and colour', async ({ host, studio, page }) => {
  await studio.open(host);
  await page.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import posts' });
  await dialog.getByLabel(/export file/).setInputFiles({ name: 'moss.xml', mimeType: 'application/xml', buffer: twoPostExport() });
  const result = dialog.getByTestId('import-result');
  await expect(result).toContainText('2 added');
  const [red, green] = await backgroundOf(result);
  expect(green, 'a success is green, not the error colour').toBeGreaterThan(red!);
  // The one image that could not be fetched is told plainly, in the singular.
  await expect(result).toContainText('1 image could not be downloaded');
});

test('a search that finds nothing keeps the sidebar in place', async ({ host, library, studio, page }) => {
  seed(library);
  await studio.open(host);
  const foot = page.locator('.sidebar-foot');
  const before = await foot.boundingBox();
  await page.getByLabel('Search posts').fill('zzqx nothing like this');
  await expect(page.getByText('Nothing found.')).toBeVisible();
  expect((await foot.boundingBox())?.y, 'the footer stays at the bottom').toBe(before?.y);
  await page.getByLabel('Search posts').fill('');
  await page.getByLabel('Status').selectOption('scheduled');
  await expect(page.getByText('No posts match.')).toBeVisible();
  expect((await foot.boundingBox())?.y).toBe(before?.y);
});

test('the sidebar filter menus are wide enough to read their choices', async ({ host, library, studio, page }) => {
  seed(library);
  await studio.open(host);
  await page.getByLabel('Status').selectOption('scheduled');
  await page.getByLabel('Tag').selectOption('getting-started');
  // A menu is cut off when it is narrower than it would be if left to its own width.
  const cut = await page.locator('.filters select').evaluateAll((selects) =>
    selects.flatMap((select) => {
      const free = select.cloneNode(true) as HTMLSelectElement;
      free.value = (select as HTMLSelectElement).value;
      free.style.cssText = 'position: absolute; width: auto; min-width: 0; max-width: none; flex: none; visibility: hidden';
      select.parentElement?.append(free);
      const needed = free.getBoundingClientRect().width;
      free.remove();
      return select.getBoundingClientRect().width + 0.5 < needed ? [`${select.getAttribute('aria-label')}: ${select.getBoundingClientRect().width} < ${needed}`] : [];
    }),
  );
  expect(cut).toEqual([]);
});

test('a new post sorts above older posts of the same day', async ({ host, studio }) => {
  await studio.open(host);
  // The welcome post is dated today too; a title early in the alphabet must not sink below it.
  await studio.createPost('Aardvark burrows');
  await studio.save();
  await expect(studio.posts.getByRole('option').first()).toContainText('Aardvark burrows');
});

test('the window is named after the open post', async ({ host, library, studio, page }) => {
  seed(library);
  await studio.open(host);
  await studio.openPost(TITLE);
  await expect(page).toHaveTitle(`${TITLE} — Postwright`);
  await studio.openPost('Welcome to Postwright');
  await expect(page).toHaveTitle('Welcome to Postwright — Postwright');
});

test('the warning about where passwords are kept is said once, not for every blog', async ({ studio, page }) => {
  const library = tempLibrary();
  seed(library);
  // A desktop without a keychain (no D-Bus session, as CI's unlocked keyring would give one):
  // the passwords go to a file, and that is what the warning is about.
  const host = await startHost(library, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/postwright-no-bus' });
  try {
    await studio.open(host);
    await studio.openPost(TITLE);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Manage targets' }).click();
    const targets = page.getByRole('dialog', { name: 'Publishing targets' });
    await expect(targets.getByRole('listitem')).toHaveCount(3);
    await expect(targets.getByText(/stored unencrypted/)).toHaveCount(1);
  } finally {
    await host.stop();
    removeLibrary(library);
  }
});

test('a post that cannot be read says so instead of wearing a Draft badge', async ({ studio }) => {
  // The file is there before the studio starts, as when a library is opened.
  const library = tempLibrary();
  const dir = path.join(library, 'posts', 'scrambled');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), Buffer.from([0x41, 0xc3, 0x28, 0xff, 0x0a]));
  const host = await startHost(library);
  try {
    await studio.open(host);
    const item = studio.post('scrambled');
    await expect(item.locator('.post-item-problem')).toBeVisible();
    await expect(item.getByText('draft', { exact: true })).toHaveCount(0);
    await expect(item.getByText('Status unknown', { exact: true })).toBeVisible();
  } finally {
    await host.stop();
    removeLibrary(library);
  }
});
