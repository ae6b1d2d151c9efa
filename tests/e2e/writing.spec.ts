/// Writing a whole post the way a blogger does: typed, with a pasted image, checked in the
/// preview, and looked at in split, dark and focus modes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Studio } from './fixtures';

// A 2×2 PNG of a sea-star orange, small enough to paste inline.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4/5/h/38GBgYGBgYGAAk+Af8bfhkhAAAAAElFTkSuQmCC';

async function pasteImage(studio: Studio, name: string): Promise<void> {
  await studio.editorContent.evaluate(
    (content, { name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: 'image/png' }));
      content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { name, base64: PNG_BASE64 },
  );
}

test('a blogger types a whole post and the preview shows every part of it', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Sea stars regrow their arms');
  const type = (text: string) => page.keyboard.type(text);
  await studio.typeAtEnd('## How regeneration works\n\n');
  await type('Sea stars are **echinoderms**, and they can regrow a *whole arm*');
  await type(' in about a year.[^1] See [the aquarium notes](https://example.org/sea-stars).\n\n');
  await type('1. The arm is lost\n');
  await type('Stem-like cells gather at the wound\n');
  await type('A new arm grows\n\n');
  await type('| Species | Months to regrow |\n|---|---:|\n| Ochre star | 12 |\n| Sunflower star | 9 |\n\n');
  await type('Growth is roughly $L(t) = L_0 e^{kt}$ at first.\n\n');
  // The editor indents the body of the function itself; Shift+Tab steps back out.
  await type('```python\ndef growth(l0, k, t):\nreturn l0 * math.exp(k * t)\n');
  await page.keyboard.press('Shift+Tab');
  await type('```\n\n');
  await pasteImage(studio, 'ochre-star.png');
  await expect(studio.editorContent).toContainText('![ochre star](');
  await page.keyboard.press('ControlOrMeta+End');
  await type('\n[^1]: Depending on the species and water temperature.\n');

  const body = studio.articleBody;
  await expect(body.getByRole('heading', { level: 2, name: 'How regeneration works' })).toBeVisible();
  await expect(body.locator('strong')).toHaveText('echinoderms');
  await expect(body.locator('em')).toHaveText('whole arm');
  await expect(body.getByRole('link', { name: 'the aquarium notes' })).toHaveAttribute('href', 'https://example.org/sea-stars');
  await expect(body.locator(':scope > ol > li')).toHaveText(['The arm is lost', 'Stem-like cells gather at the wound', 'A new arm grows']);
  await expect(body.locator('table tbody tr')).toHaveCount(2);
  await expect(body.locator('table td').nth(3)).toHaveText('9');
  await expect(body.locator('.footnotes li')).toContainText('Depending on the species');
  await expect(body.locator('.katex')).toHaveCount(1);
  await expect(body.locator('code.language-python .hljs-keyword').first()).toHaveText('def');
  const image = body.getByRole('img', { name: 'ochre star' });
  await expect(image).toBeVisible();
  // The pasted image was copied into the post's folder and loads in the preview.
  await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
  const files = readdirSync(path.join(library, 'posts', 'sea-stars-regrow-their-arms'));
  expect(files.filter((file) => file.endsWith('.png'))).toHaveLength(1);

  await studio.save();
  const saved = readFileSync(path.join(library, 'posts', 'sea-stars-regrow-their-arms', 'index.md'), 'utf8');
  // The columns were lined up as the table was typed.
  expect(saved).toMatch(/\| Ochre star +\| 12 +\|/);
  expect(saved).toContain('1. The arm is lost\n2. Stem-like cells gather at the wound\n3. A new arm grows');
  expect(saved).toContain('```python\ndef growth(l0, k, t):\n    return l0 * math.exp(k * t)\n```');
  await page.screenshot({ path: 'test-results/screens/writing-split.png' });

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/screens/writing-dark.png' });

  await page.keyboard.press('ControlOrMeta+Shift+F');
  await expect(page.locator('.app')).toHaveClass(/focus-mode/);
  await expect(page.locator('.sidebar')).toBeHidden();
  await page.locator('.cm-line', { hasText: 'Growth is roughly' }).click();
  await expect(page.locator('.cm-line.cm-dimmed').first()).toBeVisible();
  await expect(page.locator('.cm-line', { hasText: 'Growth is roughly' })).not.toHaveClass(/cm-dimmed/);
  await page.screenshot({ path: 'test-results/screens/writing-focus.png' });
});

test('undo history survives switching to another post and back', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('First draft');
  await studio.typeAtEnd('Keep this line.');
  await studio.createPost('Second draft');
  await studio.openPost('First draft');
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(studio.editorContent).not.toContainText('Keep this line.');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(studio.editorContent).toContainText('Keep this line.');
});

test('the outline lists the headings and jumps to one', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.openPost('Welcome to Postwright');
  await page.getByRole('tab', { name: 'Outline' }).click();
  const outline = page.getByRole('list', { name: 'Outline' });
  await expect(outline.getByRole('button')).toHaveText(['Writing', 'Tables, footnotes and math', 'Code']);
  await outline.getByRole('button', { name: 'Code' }).click();
  await expect(page.locator('.cm-activeLine, .cm-line').filter({ hasText: '## Code' }).first()).toBeInViewport();
  await page.keyboard.type('Sample ');
  await expect(studio.editorContent).toContainText('Sample ## Code');
});

test('selecting text shows its word count', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Counting');
  await studio.typeAtEnd('one two three four');
  await page.keyboard.press('Shift+Home');
  await expect(page.getByTestId('selection-count')).toHaveText('4 words, 18 characters selected');
  // One word is a word, not "1 words".
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+ControlOrMeta+ArrowLeft');
  await expect(page.getByTestId('selection-count')).toHaveText('1 word, 4 characters selected');
});
