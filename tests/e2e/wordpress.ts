/// The test WordPress in the end-to-end suites.
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { test } from './fixtures';

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
