/// Smart typing and auto-pairing, typed as a writer does, each undone with one Ctrl+Z, kept
/// out of code, and switched off in the Aa menu.
import { expect, test, type Studio } from './fixtures';

// Typed key by key on a machine shared with other builds: give each test room.
test.describe.configure({ timeout: 180_000 });

const lastLine = (studio: Studio) => studio.editorContent.locator('.cm-line').last();

test('quotes curl, dashes and ellipses form, and one Ctrl+Z gives back what was typed', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Smart');
  await studio.typeAtEnd('She said "it\'s low tide" -- then waited...');
  await expect(lastLine(studio)).toHaveText('She said \u201cit\u2019s low tide\u201d \u2013 then waited\u2026');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(lastLine(studio)).toHaveText('She said \u201cit\u2019s low tide\u201d \u2013 then waited...');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type('"');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(lastLine(studio)).toHaveText('"');
  await page.keyboard.press('Backspace');
  // Never inside code or a URL.
  await page.keyboard.type('Run `echo "a--b"` at https://example.org/a--b...');
  await expect(lastLine(studio)).toHaveText('Run `echo "a--b"` at https://example.org/a--b...');
});

test('brackets, backticks and ** close themselves; one Ctrl+Z removes the closing mark; the Aa menu turns it off', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Pairs');
  await studio.typeAtEnd('A ');
  await page.keyboard.type('(');
  await expect(lastLine(studio)).toHaveText('A ()');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(lastLine(studio)).toHaveText('A (');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('**');
  await expect(lastLine(studio)).toHaveText('A ****');
  await page.keyboard.type('bold** and `code` [link](x)');
  await expect(lastLine(studio)).toHaveText('A **bold** and `code` [link](x)');
  await expect(studio.articleBody.locator('strong')).toHaveText('bold');

  await page.getByRole('button', { name: 'Appearance' }).click();
  await page.getByLabel(/Close brackets/).uncheck();
  await page.getByLabel(/Smart quotes/).uncheck();
  await page.keyboard.press('Escape');
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' (x "y" --');
  await expect(lastLine(studio)).toHaveText('A **bold** and `code` [link](x) (x "y" --');
});
