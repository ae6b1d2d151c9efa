/// Publishing through the UI to a real WordPress on 127.0.0.1, then reading the post there.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { logInToWordPress, withWordPress } from './wordpress';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4/5/h/38GBgYGBgYGAAk+Af8bfhkhAAAAAElFTkSuQmCC', 'base64');

test.describe('publishing to WordPress', () => {
  const server = withWordPress();

  test('a blogger adds their blog, publishes a post with an image and opens it there', async ({ host, library, studio, page, context }) => {
    const { wp } = server;
    const dir = path.join(library, 'posts', 'yeast');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'bubbles.png'), PNG);
    writeFileSync(
      path.join(dir, 'index.md'),
      '---\ntitle: Yeast balloons\nstatus: published\ntags: [biology, fermentation]\n---\n\nWarm water, sugar and yeast **inflate a balloon** in twenty minutes.\n\n![Balloon on a bottle](bubbles.png "The balloon after 20 minutes")\n\n| Water | Inflated after |\n|---|---:|\n| 40 °C | 20 min |\n| 10 °C | never |\n',
    );
    await studio.open(host);
    await studio.openPost('Yeast balloons');

    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish' });
    await dialog.getByRole('button', { name: 'Add a target' }).click();
    const targets = page.getByRole('dialog', { name: 'Publishing targets' });
    await targets.getByRole('button', { name: 'Add a target' }).click();
    await targets.getByLabel('Name', { exact: true }).fill('Class blog');
    await targets.getByLabel('Site address').fill(wp.url);
    await targets.getByLabel('User name').fill(wp.username);
    await targets.getByLabel('Application password').fill(wp.appPassword);
    await targets.getByRole('button', { name: 'Add target' }).click();
    await targets.getByRole('listitem').filter({ hasText: 'Class blog' }).getByRole('button', { name: 'Test' }).click();
    await expect(targets.getByText(/Signed in as/)).toBeVisible();
    // Editing the target without retyping the password keeps the saved one.
    await targets.getByRole('listitem').filter({ hasText: 'Class blog' }).getByRole('button', { name: 'Edit' }).click();
    await expect(targets.getByLabel('Site address')).toHaveValue(wp.url);
    await targets.getByRole('button', { name: 'Save changes' }).click();
    await targets.getByRole('listitem').filter({ hasText: 'Class blog' }).getByRole('button', { name: 'Test' }).click();
    await expect(targets.getByText(/Signed in as/)).toBeVisible();
    await page.keyboard.press('Escape');

    await expect(dialog.getByRole('combobox', { name: 'Target', exact: true })).toHaveValue('Class blog');
    // The post's details can be set right in the dialog.
    await dialog.getByText('Title, tags, categories').click();
    await dialog.getByLabel('Categories').fill('Lab reports');
    await dialog.getByLabel('Categories').press('Enter');
    await dialog.getByRole('button', { name: 'Show what will be sent' }).click();
    await expect(dialog.getByTestId('sent-preview')).toContainText('Create a new post');
    await expect(dialog.getByTestId('sent-preview')).toContainText('bubbles.png (will upload)');
    await page.screenshot({ path: 'test-results/screens/publish-preview.png' });

    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    const result = dialog.getByTestId('publish-result');
    await expect(result).toContainText('Published.');
    await expect(result).toContainText('Images: 1 uploaded');
    const link = result.getByRole('link', { name: 'Open the post' });
    const url = await link.getAttribute('href');
    expect(url).toMatch(new RegExp(`^${wp.url}/`));

    const [published] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await published.waitForLoadState();
    await expect(published.getByRole('heading', { name: 'Yeast balloons' }).first()).toBeVisible();
    await expect(published.getByText('inflate a balloon')).toBeVisible();
    await expect(published.locator('table td', { hasText: 'never' })).toBeVisible();
    await expect(published.getByRole('link', { name: 'Lab reports' }).first()).toBeVisible();
    await expect.poll(() => published.locator('img[alt="Balloon on a bottle"]').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
    await published.close();

    // The post records where it went, and republishing does not make a second post.
    await expect.poll(() => readFileSync(path.join(dir, 'index.md'), 'utf8')).toContain('Class blog:');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(result).toContainText('Nothing had changed since the last publish.');
    const posts = (await (await fetch(`${wp.url}/wp-json/wp/v2/posts?search=Yeast`)).json()) as unknown[];
    expect(posts).toHaveLength(1);

    // The toolbar says where the post stands on the blog, and notices an edit.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('publish-state')).toHaveText('Class blog: Published');
    await studio.typeAtEnd('\nA new observation.');
    await studio.save();
    await expect(page.getByTestId('publish-state')).toHaveText('Class blog: Changed since publish');
  });
});

test.describe('signing in to WordPress from the browser', () => {
  const server = withWordPress();

  test('the blogger approves Postwright on WordPress and the target is saved with a fresh password', async ({ host, studio, page, context }) => {
    const { wp } = server;
    await studio.open(host);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('dialog', { name: 'Publish' }).getByRole('button', { name: 'Add a target' }).click();
    const targets = page.getByRole('dialog', { name: 'Publishing targets' });
    await targets.getByRole('button', { name: 'Add a target' }).click();
    await targets.getByLabel('Name', { exact: true }).fill('Lab blog');
    await targets.getByLabel('Site address').fill(wp.url);
    const [wordpress] = await Promise.all([context.waitForEvent('page'), targets.getByRole('button', { name: 'Sign in with WordPress' }).click()]);

    // WordPress asks the blogger to log in, then to approve the connection.
    await logInToWordPress(wordpress, wp);
    await wordpress.locator('#approve').click();
    await expect(wordpress.getByRole('heading', { name: 'Connected' })).toBeVisible();
    await wordpress.close();

    const saved = targets.getByRole('listitem').filter({ hasText: 'Lab blog' });
    await expect(saved).toContainText(`WordPress · ${wp.url} · ${wp.username}`);
    await saved.getByRole('button', { name: 'Test' }).click();
    await expect(saved.getByText(/Signed in as/)).toBeVisible();
  });
});
