/// A real WordPress Author (no unfiltered_html, so WordPress strips MathML) publishes with
/// "math as images": each formula goes out as a PNG of it (WordPress refuses SVG uploads), the
/// TeX as alt text, WordPress keeps everything that was sent, and a republish uploads nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import type { PublishService } from '../../main/publish/service';
import { warmBlockSerializer } from '../../main/publish/wp-blocks/serialize';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';
import { makeLibrary, POST_ID, postText, type TestLibrary } from './publish-fixtures';

const INLINE_TEX = '\\mathrm{pH} = -\\log_{10} [\\mathrm{H^+}]';
const DISPLAY_TEX = '\\bar{x} = \\frac{1}{n} \\sum_{i=1}^{n} x_i';

describe.skipIf(!hasWordPress)(hasWordPress ? 'math as images on WordPress' : 'math as images on WordPress (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let lib: TestLibrary;
  let service: PublishService;
  let authorPassword: string;

  beforeAll(async () => {
    [wp, lib] = await Promise.all([startWordPress(), makeLibrary(), warmBlockSerializer()]);
    authorPassword = (await wp.php(`
      $id = wp_insert_user(['user_login' => 'writer', 'user_pass' => 'writer-login-pw', 'user_email' => 'writer@example.com', 'role' => 'author']);
      [$password] = WP_Application_Passwords::create_new_application_password($id, ['name' => 'postwright']);
      echo $password;`)).trim();
    // An Author may not create tags or categories; the post brings none.
    lib.writePost(postText().replace('tags: [food, science]\n', '').replace('categories: [Kitchen Notes]\n', ''));
    service = lib.service();
    await service.start();
    await service.targets.add({ settings: { name: 'as-author', kind: 'wordpress', siteUrl: wp.url, username: 'writer' }, secret: authorPassword });
  }, 300_000);
  afterAll(async () => {
    service?.close();
    lib?.remove();
    await wp?.stop();
  });

  it('is needed as PNG: WordPress refuses an SVG upload from an Author', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>';
    const answer = await fetch(`${wp.url}/wp-json/wp/v2/media`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`writer:${authorPassword}`).toString('base64')}`, 'content-type': 'image/svg+xml', 'content-disposition': 'attachment; filename="f.svg"' },
      body: svg,
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
  });

  it('offers math as images when WordPress strips the formulas', async () => {
    const result = await service.publish(POST_ID, 'as-author');
    expect(result).toMatchObject({ kind: 'published', created: true, mathStripped: true });
    if (result.kind !== 'published') return;
    expect(result.warnings?.join('\n')).toMatch(/removed all formulas[\s\S]*choose “Publish math as images”/);
  });

  it('publishes formulas as images that WordPress keeps: nothing reported stripped, the TeX as alt', async () => {
    await service.targets.update('as-author', { settings: { name: 'as-author', kind: 'wordpress', siteUrl: wp.url, username: 'writer', math: 'images' } });
    const result = await service.publish(POST_ID, 'as-author');
    expect(result).toMatchObject({ kind: 'published', created: false });
    if (result.kind !== 'published') return;
    expect(result.warnings).toBeUndefined();
    expect(result.mathStripped).toBeUndefined();
    // The photos and the cover are there already: only the two formulas go up.
    expect(result.uploaded).toBe(2);

    const page = new JSDOM(await (await fetch(result.url)).text()).window.document;
    expect(page.querySelector('math')).toBeNull();
    const formulas = Array.from(page.querySelectorAll('img.math-image'));
    expect(formulas.map((img) => img.getAttribute('alt'))).toEqual([INLINE_TEX, DISPLAY_TEX]);
    const inline = formulas[0]!;
    expect(inline.getAttribute('style')).toMatch(/vertical-align:\s*-[\d.]+ex/);
    expect(inline.closest('p')?.textContent).toContain('The pH is');
    for (const img of formulas) {
      const src = img.getAttribute('src') ?? '';
      expect(src).toMatch(/\/wp-content\/uploads\/.*\.png$/);
      const file = await fetch(new URL(src, result.url));
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
    }
  });

  it('sends nothing again for an unchanged post, and uploads no formula again after an edit', async () => {
    expect(await service.publish(POST_ID, 'as-author')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
    await lib.rewrite(`${postText().replace('tags: [food, science]\n', '').replace('categories: [Kitchen Notes]\n', '')}\nA new closing line, and $${INLINE_TEX}$ once more.\n`);
    const result = await service.publish(POST_ID, 'as-author');
    expect(result).toMatchObject({ kind: 'published', created: false, unchanged: false, uploaded: 0 });
    if (result.kind !== 'published') return;
    expect(result.warnings).toBeUndefined();
    const page = new JSDOM(await (await fetch(result.url)).text()).window.document;
    const alts = Array.from(page.querySelectorAll('img.math-image')).map((img) => img.getAttribute('alt'));
    expect(alts).toEqual([INLINE_TEX, DISPLAY_TEX, INLINE_TEX]);
  });
});
