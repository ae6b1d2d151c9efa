/// Image hosts in the targets dialog: the first screen of the Publish dialog names every kind of
/// blog, an image host is added through the form (here the blogger's own uploader, arguments one
/// per line), Blogger explains why it needs one and offers it, and an existing Blogger target
/// switches hosts (saved in the library's targets file).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

const BLOGGER = { name: 'Gut feelings', kind: 'blogger', blogId: '3141592653589793238', blogUrl: 'https://gut-feelings.blogspot.com', clientId: 'desktop-client.apps.googleusercontent.com', mediaTarget: 'Old photos' };
const OLD_HOST = { name: 'Old photos', kind: 'image-host', host: { type: 'command', command: ['old-uploader', '{file}'], timeoutSeconds: 60 } };

function writePost(library: string): void {
  const dir = path.join(library, 'posts', 'leaky-gut');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Leaky gut, looked at\nstatus: published\n---\n\nWhat the studies say.\n');
}

function targetsFile(library: string): { targets: Array<Record<string, unknown>> } {
  return JSON.parse(readFileSync(path.join(library, '.postwright', 'targets.json'), 'utf8')) as { targets: Array<Record<string, unknown>> };
}

test('the first Publish screen names every kind, and the add form offers them all, image hosts included', async ({ host, library, studio, page }) => {
  writePost(library);
  await studio.open(host);
  await studio.openPost('Leaky gut, looked at');
  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish' });
  await expect(dialog).toContainText(/WordPress, Ghost, Blogger, or a Hugo or Jekyll site/);
  await dialog.getByRole('button', { name: 'Add a target' }).click();
  const targets = page.getByRole('dialog', { name: 'Publishing targets' });
  await targets.getByRole('button', { name: 'Add a target' }).click();
  const kinds = await targets.getByRole('combobox', { name: 'Kind' }).locator('option').allTextContents();
  for (const kind of ['WordPress', 'Ghost', 'Hugo', 'Jekyll', 'Blogger', 'Image host']) expect(kinds.join('|')).toContain(kind);
});

test('an uploader image host is added through the form, and Blogger says why it needs one and offers it', async ({ host, library, studio, page }) => {
  writePost(library);
  await studio.open(host);
  await studio.openPost('Leaky gut, looked at');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Add a target' }).click();
  const targets = page.getByRole('dialog', { name: 'Publishing targets' });
  await targets.getByRole('button', { name: 'Add a target' }).click();

  // Blogger with no image host yet: the reason, and what to do first.
  await targets.getByRole('combobox', { name: 'Kind' }).selectOption('blogger');
  await expect(targets.getByTestId('image-host-why')).toContainText('Blogger’s API cannot store images');
  await expect(targets.getByText('Add an image host first')).toBeVisible();

  await targets.getByRole('combobox', { name: 'Kind' }).selectOption('image-host');
  await targets.getByLabel('Name', { exact: true }).fill('My uploader');
  await targets.getByRole('combobox', { name: 'Stored on' }).selectOption('command');
  await targets.getByRole('textbox', { name: 'Command', exact: true }).fill('/opt/my tools/picgo');
  await targets.getByLabel('Arguments, one per line').fill('upload\n{file}');
  await targets.getByRole('button', { name: 'Add target' }).click();
  await expect(targets.getByRole('listitem').filter({ hasText: 'My uploader' })).toContainText('uploader /opt/my tools/picgo upload {file}');
  expect(targetsFile(library).targets).toContainEqual({ name: 'My uploader', kind: 'image-host', host: { type: 'command', command: ['/opt/my tools/picgo', 'upload', '{file}'], timeoutSeconds: 120 } });

  await targets.getByRole('button', { name: 'Add a target' }).click();
  await targets.getByRole('combobox', { name: 'Kind' }).selectOption('blogger');
  await expect(targets.getByRole('combobox', { name: 'Images go to' })).toHaveValue('My uploader');
});

test('an existing Blogger target switches its image host', async ({ host, library, studio, page }) => {
  mkdirSync(path.join(library, '.postwright'), { recursive: true });
  const newHost = { ...OLD_HOST, name: 'New photos' };
  writeFileSync(path.join(library, '.postwright', 'targets.json'), JSON.stringify({ version: 1, targets: [OLD_HOST, newHost, BLOGGER] }));
  writePost(library);
  await studio.open(host);
  await studio.openPost('Leaky gut, looked at');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Manage targets' }).click();
  const targets = page.getByRole('dialog', { name: 'Publishing targets' });
  await targets.getByRole('listitem').filter({ hasText: 'Gut feelings' }).getByRole('button', { name: 'Edit' }).click();
  await expect(targets.getByTestId('image-host-why')).toContainText('images already published stay where they are');
  await expect(targets.getByRole('combobox', { name: 'Images go to' })).toHaveValue('Old photos');
  await targets.getByRole('combobox', { name: 'Images go to' }).selectOption('New photos');
  await targets.getByRole('button', { name: 'Save changes' }).click();
  // The button reads "Saving…" while the change is written: wait for the file itself.
  await expect.poll(() => targetsFile(library).targets.find((t) => t.name === 'Gut feelings')).toEqual({ ...BLOGGER, mediaTarget: 'New photos' });
  await expect(targets.getByRole('button', { name: /Save changes|Saving/ })).toHaveCount(0);
});
