/// Writing mode: a choice of three bundled writing fonts in the Aa menu, loaded from the app
/// itself (never from the internet) and remembered; markdown marks dimmed.
import { expect, test } from './fixtures';

// Typed key by key on a machine shared with other builds: give each test room.
test.describe.configure({ timeout: 180_000 });

test('the writing font is chosen in the Aa menu, loads from the app and is remembered', async ({ host, studio, page }) => {
  const fontRequests: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'font') fontRequests.push(request.url());
  });
  await studio.open(host);
  await studio.createPost('Fonts');
  await studio.typeAtEnd('Some **bold** words.');
  const scroller = page.locator('.cm-scroller');
  // Quattro by default: a writer's font, not the code font.
  await expect.poll(() => scroller.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/^"?iA Writer Quattro/);

  await page.getByRole('button', { name: 'Appearance' }).click();
  const fonts = page.getByRole('group', { name: 'Writing font' });
  await fonts.getByRole('button', { name: 'Literata' }).click();
  await expect(fonts.getByRole('button', { name: 'Literata' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => scroller.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/^"?Literata/);
  await expect.poll(() => page.evaluate(async () => (await document.fonts.load('16px Literata')).length)).toBeGreaterThan(0);
  await fonts.getByRole('button', { name: 'Mono' }).click();
  await expect.poll(() => page.evaluate(async () => (await document.fonts.load('16px "iA Writer Mono"')).length)).toBeGreaterThan(0);
  const origin = new URL(host.url).origin;
  expect(fontRequests.length).toBeGreaterThan(0);
  expect(fontRequests.filter((url) => !url.startsWith(origin))).toEqual([]);

  // The `**` marks are dimmer than the words.
  const colour = (selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element).color);
  const line = page.locator('.cm-line', { hasText: 'Some' });
  const mark = await line.locator('span', { hasText: /^\*\*$/ }).first().evaluate((element) => getComputedStyle(element).color);
  expect(mark).not.toBe(await colour('.cm-content'));

  await page.reload();
  await expect(studio.posts.getByRole('option').first()).toBeVisible();
  await expect.poll(() => page.locator('.cm-scroller').evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/^"?iA Writer Mono/);
});
