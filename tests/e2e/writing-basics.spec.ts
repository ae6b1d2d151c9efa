/// The first minute of writing, typed as a writer types: a new post, the formatting
/// shortcuts, code and quotes, and find and replace.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Studio } from './fixtures';

function saved(library: string, slug: string): string {
  return readFileSync(path.join(library, 'posts', slug, 'index.md'), 'utf8');
}

/// The line the cursor is on, as the writer sees it.
async function currentLine(studio: Studio): Promise<string> {
  return studio.page.evaluate(() => {
    const selection = document.getSelection();
    const node = selection?.focusNode;
    const element = node instanceof Element ? node : node?.parentElement;
    return element?.closest('.cm-line')?.textContent ?? '';
  });
}

test('typing straight into a new post writes the body and keeps the title, date and status', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Tide pools');
  await page.keyboard.type('Low tide shows a whole world.');
  await studio.save();
  const text = saved(library, 'tide-pools');
  expect(text).toMatch(/^---\ntitle: Tide pools\n[\s\S]*status: draft\n[\s\S]*---\n/);
  expect(text).toMatch(/---\n\n?Low tide shows a whole world\.\n?$/);
  await expect(studio.articleBody.locator('p')).toHaveText('Low tide shows a whole world.');
});

test('typing before the front matter goes into the body instead of breaking it', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Anemones');
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('Green ');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('Delete');
  await studio.save();
  const text = saved(library, 'anemones');
  expect(text).toMatch(/^---\ntitle: Anemones\n[\s\S]*status: draft\n[\s\S]*---\n/);
  expect(text).toContain('Green ');
  await expect(page.locator('.toolbar-title')).toHaveText('Anemones');
});

test('at start-up the cursor is already in the post: the first keys typed go into its body', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await expect(page.locator('.toolbar-title')).toHaveText('Welcome to Postwright');
  await expect(studio.editorContent).toBeFocused();
  await page.keyboard.type('Hello. ');
  await studio.save();
  expect(saved(library, 'welcome')).toMatch(/---\n\n?Hello\. Postwright keeps every post/);
});

test('opening a post puts the cursor at the start of its body', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.openPost('Welcome to Postwright');
  await page.locator('.cm-content').focus();
  // The caret stands at the very start of the first line of the body, not in the front matter.
  // (Typing there is checked by the new-post test above; typing at once after a scripted focus
  // lost its keys on the CI machine, which is noted for a look of its own.)
  await expect.poll(() => currentLine(studio)).toMatch(/^Postwright keeps every post/);
  const atLineStart = await page.evaluate(() => {
    const selection = document.getSelection();
    const line = (selection?.focusNode instanceof Element ? selection.focusNode : selection?.focusNode?.parentElement)?.closest('.cm-line');
    if (!line || !selection?.focusNode) return false;
    const range = document.createRange();
    range.setStart(line, 0);
    range.setEnd(selection.focusNode, selection.focusOffset);
    return range.toString().length === 0;
  });
  expect(atLineStart).toBe(true);
  await expect(page.locator('.toolbar-title')).toHaveText('Welcome to Postwright');
});

test('bold, italic and code toggle like a word processor', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Toggles');
  const type = (text: string) => page.keyboard.type(text);
  const press = (keys: string) => page.keyboard.press(keys);
  await studio.typeAtEnd('Sea ');
  await press('ControlOrMeta+b');
  await type('urchins');
  await press('ControlOrMeta+b');
  await type(' graze ');
  await press('ControlOrMeta+i');
  await type('kelp');
  await press('ControlOrMeta+i');
  await type(' with ');
  await press('ControlOrMeta+e');
  await type('teeth');
  await press('ControlOrMeta+e');
  await type('.');
  await expect.poll(() => currentLine(studio)).toBe('Sea **urchins** graze *kelp* with `teeth`.');

  // A second press right away takes back the empty pair.
  await type(' ');
  await press('ControlOrMeta+b');
  await press('ControlOrMeta+b');
  await expect.poll(() => currentLine(studio)).toBe('Sea **urchins** graze *kelp* with `teeth`. ');

  // The cursor inside a word formats the word; again, and it is plain again.
  await type('They are slow');
  await press('ArrowLeft');
  await press('ArrowLeft');
  await press('ControlOrMeta+b');
  await expect.poll(() => currentLine(studio)).toBe('Sea **urchins** graze *kelp* with `teeth`. They are **slow**');
  await type('o');
  await expect.poll(() => currentLine(studio)).toBe('Sea **urchins** graze *kelp* with `teeth`. They are **sloow**');
  await press('ControlOrMeta+b');
  await expect.poll(() => currentLine(studio)).toBe('Sea **urchins** graze *kelp* with `teeth`. They are sloow');

  // A selected word, with or without its markers, is unwrapped.
  await press('End');
  await type(' _very_');
  for (let i = 0; i < '_very_'.length; i++) await press('Shift+ArrowLeft');
  await press('ControlOrMeta+i');
  await expect.poll(() => currentLine(studio)).toBe('Sea **urchins** graze *kelp* with `teeth`. They are sloow very');
});

test('bullet and quote shortcuts on an empty line leave the cursor after the marker', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Lists');
  await studio.typeAtEnd('Things to bring:\n\n');
  await page.keyboard.press('ControlOrMeta+Shift+8');
  await page.keyboard.type('boots');
  await expect.poll(() => currentLine(studio)).toBe('- boots');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+Shift+.');
  await page.keyboard.type('Mind the waves.');
  await expect.poll(() => currentLine(studio)).toBe('> Mind the waves.');
  await expect(studio.articleBody.locator('ul li')).toHaveText('boots');
  await expect(studio.articleBody.locator('blockquote')).toHaveText('Mind the waves.');
});

test('a closing fence typed after indented code closes the block, and Enter on an empty quote line ends the quote', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Code and quotes');
  const type = (text: string) => page.keyboard.type(text);
  await studio.typeAtEnd('```python\ndef area(r):\nreturn 3.14 * r * r\n```\n\nThat is all the code.\n\n');
  await type('> Tides follow the moon.\n\nBack to plain text.');
  const body = studio.articleBody;
  await expect(body.locator('pre code')).toHaveText('def area(r):\n    return 3.14 * r * r\n');
  await expect(body.locator(':scope > p').first()).toHaveText('That is all the code.');
  await expect(body.locator('blockquote')).toHaveText('Tides follow the moon.');
  await expect(body.locator(':scope > p').last()).toHaveText('Back to plain text.');
  await studio.save();
  expect(saved(library, 'code-and-quotes')).toContain('```python\ndef area(r):\n    return 3.14 * r * r\n```\n\nThat is all the code.\n\n> Tides follow the moon.\n\nBack to plain text.');
});

test('find and replace is a labelled panel with a match count and keyboard use', async ({ host, studio, page }) => {
  await studio.open(host);
  await studio.createPost('Shore life');
  await studio.typeAtEnd('A crab walks. The crab hides. Every crab molts.');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+f');
  const panel = page.getByRole('search', { name: 'Find and replace' });
  await expect(panel).toBeVisible();
  const find = panel.getByRole('textbox', { name: 'Find' });
  await expect(find).toBeFocused();
  await find.fill('crab');
  await expect(panel.getByTestId('find-count')).toHaveText('1 of 3');
  await find.press('Enter');
  await expect(panel.getByTestId('find-count')).toHaveText('2 of 3');
  await find.press('Shift+Enter');
  await expect(panel.getByTestId('find-count')).toHaveText('1 of 3');
  await panel.getByRole('textbox', { name: 'Replace with' }).fill('lobster');
  await page.screenshot({ path: 'test-results/screens/find-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/screens/find-dark.png' });
  await panel.getByRole('button', { name: 'Replace all' }).click();
  await expect(panel.getByTestId('find-count')).toHaveText('No matches');
  await expect(studio.editorContent).toContainText('A lobster walks. The lobster hides. Every lobster molts.');
  // Ctrl+F from the text goes back to the field; Escape closes and returns to the text.
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(find).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(studio.editorContent).toBeFocused();
});

/// Opens a post of about 30,000 words whose only crab (in a whelk shell) is near the end.
async function openLongSurvey(library: string, host: Parameters<Studio['open']>[0], studio: Studio): Promise<void> {
  const paragraph = 'The pools at low tide held anemones, limpets and a great deal of weed, and we counted them twice. ';
  const body = Array.from({ length: 1800 }, (_, i) => (i === 1500 ? 'A hermit crab in a whelk shell.' : paragraph.repeat(2))).join('\n\n');
  const dir = path.join(library, 'posts', 'long-survey');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), `---\ntitle: A long survey\n---\n\n${body}\n`);
  await studio.open(host);
  await studio.openPost('A long survey');
}

test('in a long post the find count covers the whole text and follows what is typed with the panel open', async ({ host, library, studio, page }) => {
  // The count is made a slice at a time, in tasks of its own.
  await openLongSurvey(library, host, studio);
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+f');
  const panel = page.getByRole('search', { name: 'Find and replace' });
  await panel.getByRole('textbox', { name: 'Find' }).fill('crab');
  await expect(panel.getByTestId('find-count')).toHaveText('1 of 1');
  // Back in the text, with the panel open: each key is an edit, and the count follows.
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+f');
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('Not a crab. ');
  await expect(panel.getByTestId('find-count')).toHaveText('2 matches');
  await expect(studio.editorContent).toContainText('Not a crab. The pools');
});

test('search as you type in a long post lands on a match far from the cursor, wrapping to the top, key by key', async ({ host, library, studio, page }) => {
  // Each key typed into the field seeks from the cursor a slice at a time (one pass on every
  // key held each one up).
  await openLongSurvey(library, host, studio);
  await studio.editorContent.click();
  // Past the match: the search wraps to the top to find it.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ControlOrMeta+f');
  const panel = page.getByRole('search', { name: 'Find and replace' });
  await panel.getByRole('textbox', { name: 'Find' }).pressSequentially('whelk');
  await expect(panel.getByTestId('find-count')).toHaveText('1 of 1');
  await expect(studio.editorContent.locator('.cm-searchMatch-selected')).toHaveText('whelk');
  await expect(studio.editorContent.locator('.cm-searchMatch-selected')).toBeInViewport();
  // From the top, a word only at the end: found on the way down.
  await page.keyboard.press('Escape');
  await studio.editorContent.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+f');
  const find = panel.getByRole('textbox', { name: 'Find' });
  await find.fill('');
  await find.pressSequentially('hermit');
  await expect(panel.getByTestId('find-count')).toHaveText('1 of 1');
  await expect(studio.editorContent.locator('.cm-searchMatch-selected')).toHaveText('hermit');
  await expect(studio.editorContent.locator('.cm-searchMatch-selected')).toBeInViewport();
  // No match anywhere: said so, and the text left as it was.
  await find.fill('');
  await find.pressSequentially('walrus');
  await expect(panel.getByTestId('find-count')).toHaveText('No matches');
  await expect(studio.editorContent).toContainText('A hermit crab in a whelk shell.');
});

test('the front matter is folded into one line that opens on a click, and the file keeps its bytes', async ({ host, library, studio, page }) => {
  await studio.open(host);
  await studio.openPost('Welcome to Postwright');
  const fold = page.getByRole('button', { name: 'Show the front matter' });
  await expect(fold).toHaveText('Welcome to Postwright · draft · 1 tag');
  await expect(studio.editorContent).not.toContainText('title: Welcome to Postwright');
  const before = saved(library, 'welcome');
  await studio.editorContent.locator('.cm-line', { hasText: 'Postwright keeps every post' }).click({ position: { x: 1, y: 8 } });
  await page.keyboard.type('Hello. ');
  await studio.save();
  expect(saved(library, 'welcome')).toBe(before.replace('\nPostwright keeps', '\nHello. Postwright keeps'));
  await fold.click();
  await expect(fold).toBeHidden();
  await expect(studio.editorContent).toContainText('title: Welcome to Postwright');
  await expect(studio.editorContent).toContainText('excerpt: A short tour of your new writing studio.');
});
