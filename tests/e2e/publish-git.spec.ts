/// A Hugo site in git as a target, through the UI: the app speaks of branches and commits (a git
/// site has no account to sign in to), and a publish that landed reads as a success.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasHugo, makeHugoSite, type StaticSite } from '../servers/static-site';
import { expect, test } from './fixtures';

test.skip(!hasHugo, 'Hugo and git are not installed here: run tests/servers/static/install.sh');

let site: StaticSite | undefined;
test.afterEach(async () => {
  await site?.remove();
});

test('a git target is checked as a branch to commit to, and a landed publish shows as a success', async ({ host, library, studio, page }) => {
  site = await makeHugoSite();
  const dir = path.join(library, 'posts', 'moss');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Moss on the north side\nstatus: published\n---\n\nIt grows where the wall stays damp.\n');
  await studio.open(host);
  await studio.openPost('Moss on the north side');

  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish' });
  const targets = await studio.addHugoTarget('Lab site', site.clone);
  await targets.getByRole('listitem').filter({ hasText: 'Lab site' }).getByRole('button', { name: 'Test' }).click();
  await expect(targets.getByText(/✓ Ready to commit to branch main of .+ and push/)).toBeVisible();
  await expect(targets.getByText(/Signed in as/)).toHaveCount(0);
  await page.keyboard.press('Escape');

  await expect(dialog.getByRole('combobox', { name: 'Target', exact: true })).toHaveValue('Lab site');
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  const result = dialog.getByTestId('publish-result');
  await expect(result).toContainText('Published.');
  // Green like every other success, not the orange of a queued publish.
  const [landed, success] = await result.evaluate((element) => {
    const probe = document.createElement('div');
    probe.className = 'publish-result success';
    document.body.append(probe);
    const colours = [getComputedStyle(element).backgroundColor, getComputedStyle(probe).backgroundColor];
    probe.remove();
    return colours;
  });
  expect(landed).toBe(success);
});
