/// The test WordPress in the end-to-end suites.
import { expect, type Page } from '@playwright/test';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { test } from './fixtures';

/// Logs in on the WordPress login page `page` shows, as a blogger types it. The page's own
/// script focuses and selects the user name 200 ms after it loads; on a busy machine that can
/// land between focusing the password field and typing into it, which put the password into
/// the user name (CI). So wait for that focus first, and check both fields before submitting.
export async function logInToWordPress(page: Page, wp: WordPress): Promise<void> {
  const user = page.locator('#user_login');
  const password = page.locator('#user_pass');
  await expect(user).toBeFocused();
  await user.fill(wp.username);
  await password.fill(wp.adminPassword);
  await expect(user).toHaveValue(wp.username);
  await expect(password).toHaveValue(wp.adminPassword);
  await page.locator('#wp-submit').click();
  await expect(page, 'WordPress kept the login page: the login was refused').not.toHaveURL(/wp-login\.php/, { timeout: 60_000 });
}

/// A private WordPress for the tests of one describe block; skipped, with the reason, where
/// WordPress is not installed.
export function withWordPress(): { readonly wp: WordPress } {
  let wp: WordPress | undefined;
  test.skip(!hasWordPress, 'WordPress is not installed here: run tests/servers/wordpress/install.sh');
  test.beforeAll(async () => {
    wp = await startWordPress();
  });
  test.afterAll(async () => {
    await wp?.stop();
  });
  return {
    get wp() {
      if (!wp) throw new Error('WordPress did not start');
      return wp;
    },
  };
}
