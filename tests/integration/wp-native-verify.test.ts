/// A real WordPress Author (no unfiltered_html) publishes the rich post: WordPress strips its
/// formulas and a map's <iframe> and still answers "created". Postwright must say so, with the
/// fix, before publishing and after; an administrator's publish verifies clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishService } from '../../main/publish/service';
import { warmBlockSerializer } from '../../main/publish/wp-blocks/serialize';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, POST_ID, postText, type TestLibrary } from './publish-fixtures';

const MAP = '\n<iframe src="https://www.google.com/maps/embed?pb=!1m18"></iframe>\n';

describe.skipIf(!hasWordPress)(hasWordPress ? 'verifying what WordPress stored' : 'verifying what WordPress stored (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let lib: TestLibrary;
  let service: PublishService;

  beforeAll(async () => {
    // WordPress's block library loads once per process; on a busy machine that takes a while.
    [wp, lib] = await Promise.all([startWordPress(), makeLibrary(), warmBlockSerializer()]);
    const authorPassword = (await wp.php(`
      $id = wp_insert_user(['user_login' => 'writer', 'user_pass' => 'writer-login-pw', 'user_email' => 'writer@example.com', 'role' => 'author']);
      [$password] = WP_Application_Passwords::create_new_application_password($id, ['name' => 'postwright']);
      echo $password;`)).trim();
    // An Author may not create tags or categories; the post brings none.
    lib.writePost(postText(MAP).replace('tags: [food, science]\n', '').replace('categories: [Kitchen Notes]\n', ''));
    service = lib.service();
    await service.start();
    await service.targets.add({ settings: { name: 'as-author', kind: 'wordpress', siteUrl: wp.url, username: 'writer' }, secret: authorPassword });
    await service.targets.add({ settings: { name: 'as-admin', kind: 'wordpress', siteUrl: wp.url, username: wp.username }, secret: wp.appPassword });
  }, 300_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await wp?.stop();
  });

  it('warns an Author before publishing that WordPress will remove formulas and embeds', async () => {
    const author = await service.targets.test('as-author');
    expect(author.warnings?.join('\n')).toMatch(/writer may not post raw HTML .*unfiltered_html.*formulas.*Editor or Administrator role/s);
    expect((await service.targets.test('as-admin')).warnings).toBeUndefined();
  });

  it('tells the Author what WordPress removed, instead of plain success', async () => {
    const result = await service.publish(POST_ID, 'as-author');
    expect(result).toMatchObject({ kind: 'published', created: true });
    if (result.kind !== 'published') return;
    const said = result.warnings?.join('\n') ?? '';
    expect(said).toMatch(/WordPress at 127\.0\.0\.1:\d+ removed all formulas \(MathML <math>\) from 2 blocks when it stored the post/);
    expect(said).toMatch(/removed all embedded players and maps \(<iframe>\) from 1 block/);
    expect(said).toMatch(/ask the site’s administrator to give writer the Editor or Administrator role/);
    // It really was stripped: the page has no formula.
    const page = await (await fetch(result.url)).text();
    expect(page).toContain('Why ferment?');
    expect(page).not.toContain('<math');
    // Nothing changed since: nothing is sent, and nothing new to say.
    expect(await service.publish(POST_ID, 'as-author')).toMatchObject({ kind: 'published', unchanged: true });
  });

  it('verifies an administrator’s publish clean', async () => {
    const result = await service.publish(POST_ID, 'as-admin');
    expect(result).toMatchObject({ kind: 'published', created: true });
    if (result.kind !== 'published') return;
    expect(result.warnings).toBeUndefined();
    expect(await (await fetch(result.url)).text()).toContain('<math');
  });
});
