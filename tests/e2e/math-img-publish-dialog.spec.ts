/// A WordPress Author publishes a post with formulas from the publish dialog: warned before,
/// told after that WordPress removed the formulas, one click on "Publish math as images" sends
/// them again as images, and the page then shows them with their TeX as alt text.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { withWordPress } from './wordpress';

const SHOTS = '/work/notes/shot/math-images';

test.describe('math-img: math as images from the publish dialog', () => {
  const blogs = withWordPress();

  test('the caution and the report offer it, and one click publishes the formulas as images', async ({ host, library, studio, page }) => {
    test.setTimeout(300_000);
    const blog = blogs.wp;
    const password = (await blog.php(`
      $id = wp_insert_user(['user_login' => 'writer', 'user_pass' => 'writer-login-pw', 'user_email' => 'writer@example.com', 'role' => 'author']);
      [$password] = WP_Application_Passwords::create_new_application_password($id, ['name' => 'postwright']);
      echo $password;`)).trim();
    const dir = path.join(library, 'posts', 'acids');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Acids\nstatus: published\n---\n\nThe pH is $-\\log_{10} [\\mathrm{H^+}]$ in water.\n\n$$\n\\bar{x} = \\frac{1}{n} \\sum_{i=1}^{n} x_i\n$$\n');
    const added = await page.request.post(`${host.origin}/api/targets.add`, {
      data: [{ settings: { name: 'School blog', kind: 'wordpress', siteUrl: blog.url, username: 'writer' }, secret: password }],
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(added.ok()).toBe(true);

    await studio.open(host);
    await studio.openPost('Acids');
    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish' });
    const caution = dialog.getByTestId('publish-caution');
    await expect(caution).toContainText('WordPress will remove formulas', { timeout: 60_000 });
    await expect(caution.getByRole('button', { name: 'Publish math as images' })).toBeVisible();

    // Published anyway: the report says the formulas were removed and offers the way out.
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    const result = dialog.getByTestId('publish-result');
    await expect(result).toContainText('removed all formulas', { timeout: 100_000 });
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/report-offers-math-images.png` });
    await result.getByRole('button', { name: 'Publish math as images' }).click();
    await expect(result).toContainText('Updated.', { timeout: 100_000 });
    await expect(result).not.toContainText('removed');
    await expect(result).toContainText('Images: 2 uploaded');
    // The caution now says formulas go out as images, with nothing left to offer.
    await expect(caution).toContainText('formulas go out as images');
    await expect(caution.getByRole('button', { name: 'Publish math as images' })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/published-as-images.png` });

    const url = await result.getByRole('link', { name: 'Open the post' }).getAttribute('href');
    await page.goto(url!);
    const formulas = page.locator('img.math-image');
    await expect(formulas).toHaveCount(2);
    await expect(formulas.first()).toHaveAttribute('alt', '-\\log_{10} [\\mathrm{H^+}]');
    // The images load, and the inline one sits in its line of text.
    await expect.poll(() => formulas.evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
    await expect(formulas.first()).toHaveCSS('vertical-align', /-[\d.]+px/);
    await page.locator('p').filter({ has: formulas.first() }).screenshot({ path: `${SHOTS}/inline-formula-on-wordpress.png` });
  });
});
