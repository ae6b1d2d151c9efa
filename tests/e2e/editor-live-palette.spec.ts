/// The command palette and the formatting bar, used from the keyboard and the mouse.
import { expect, test } from './fixtures';

// Typed key by key on a machine shared with other builds: give each test room.
test.describe.configure({ timeout: 180_000 });

test('the palette opens on Ctrl+Shift+P and Ctrl+K, filters, runs with the keyboard and closes on Escape', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Palette');
  await studio.typeAtEnd('Kelp forests');
  const palette = page.getByRole('dialog', { name: 'Command palette' });

  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(palette).toBeVisible();
  const input = palette.getByRole('combobox', { name: 'Type a command' });
  await expect(input).toBeFocused();
  // Every command is listed with its shortcut.
  await expect(palette.getByRole('option', { name: /Bold/ }).first()).toContainText(/(Ctrl\+B|⌘B)/);
  await expect(palette.getByRole('option', { name: /Insert table/ })).toContainText(/(Ctrl\+Alt\+T|⌥⌘T)/);
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(studio.editorContent).toBeFocused();

  // Fuzzy filter, arrows and Enter: "hdg" then the second match is Heading 2.
  await page.keyboard.press('Home');
  await page.keyboard.press('ControlOrMeta+k');
  await expect(palette).toBeVisible();
  await page.keyboard.type('hdg');
  await expect(palette.getByRole('option').first()).toContainText('Heading 1');
  await page.keyboard.press('ArrowDown');
  await expect(palette.getByRole('option', { selected: true })).toContainText('Heading 2');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(studio.editorContent.locator('.cm-line').last()).toHaveText('## Kelp forests');
  await expect(studio.articleBody.locator('h2')).toHaveText('Kelp forests');

  // A view command, and a filter matching nothing.
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('zzzq');
  await expect(palette).toContainText('No command matches');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('theme dark');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the formatting bar formats the selection and can be hidden for good', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Bar');
  await studio.typeAtEnd('Barnacles feed with their legs');
  for (let i = 0; i < 'legs'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  const bar = page.getByRole('toolbar', { name: 'Formatting' });
  await bar.getByRole('button', { name: 'Bold' }).click();
  await expect(studio.editorContent.locator('.cm-line').last()).toHaveText('Barnacles feed with their **legs**');
  await bar.getByRole('button', { name: 'Quote' }).click();
  await expect(studio.articleBody.locator('blockquote strong')).toHaveText('legs');
  await expect(bar.getByRole('button', { name: 'Insert table' })).toBeVisible();

  await page.getByRole('button', { name: 'Appearance' }).click();
  await page.getByLabel('Formatting bar').uncheck();
  await expect(bar).toBeHidden();
  await page.reload();
  await expect(studio.posts.getByRole('option').first()).toBeVisible();
  await expect(page.locator('.toolbar-title')).toHaveText('Bar');
  await expect(page.getByRole('toolbar', { name: 'Formatting' })).toBeHidden();
});

for (const [width, height] of [
  [800, 600],
  [1440, 900],
  [2560, 1440],
] as const) {
  test(`palette screenshots at ${width}x${height}, light and dark`, async ({ host, studio, page }) => {
    await studio.open(host);
    // Narrow windows fold the post list into a rail: open the post first, then resize.
    await studio.openPost('Welcome to Postwright');
    await page.setViewportSize({ width, height });
    await studio.editorContent.click();
    await page.keyboard.press('ControlOrMeta+Shift+P');
    await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
    await page.keyboard.type('in');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await page.screenshot({ path: `test-results/screens/editor-live-palette-${width}x${height}-${scheme}.png` });
    }
  });
}
