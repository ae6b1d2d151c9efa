/// Mermaid diagrams as a writer meets them: typed into a post, drawn in the preview (an image
/// of a file kept beside the post, the same one `postwright render` shows), and published to a
/// real WordPress as one image, uploaded once.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { openReview } from './science';
import { withWordPress } from './wordpress';
import { ROOT } from './host';

const SHOTS = '/work/notes/shot/science';
const diagramFiles = (dir: string) => readdirSync(dir).filter((name) => /^diagram-[0-9a-f]{16}\.svg$/.test(name)).sort();
// The words a reader sees in a drawing (mermaid puts each word in a <tspan> of its own).
const words = (file: string) => readFileSync(file, 'utf8').replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '');
const render = (file: string) => execFileSync(process.execPath, [path.join(ROOT, 'bin', 'postwright.cjs'), 'render', file], { encoding: 'utf8' }).replace(/\n$/, '');

test('the review’s flowchart and a typed diagram are drawn in the preview, as `postwright render` shows them', async ({ host, library, studio, page }) => {
  // mermaid loads on first use; on a busy machine that and two drawings take a while.
  test.setTimeout(180_000);
  const dir = await openReview(host, library, studio);

  // The sample review's flowchart: no longer a code block, but a drawn image that loaded.
  const drawn = studio.articleBody.locator('figure.diagram img');
  await expect(drawn).toHaveCount(1, { timeout: 60_000 });
  await expect.poll(() => drawn.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
  await expect(studio.articleBody.locator('code.language-mermaid')).toHaveCount(0);
  const [first] = diagramFiles(dir);
  expect(words(path.join(dir, first!))).toContain('Four moisture groups');

  await studio.typeAtEnd('\n```mermaid\nflowchart TD\nA[Sow radish seeds] --> B[Count the sprouts]\n```\n');
  await expect(drawn).toHaveCount(2, { timeout: 60_000 });
  await expect.poll(() => diagramFiles(dir).length).toBe(2);
  const typed = diagramFiles(dir).find((name) => words(path.join(dir, name)).includes('Sow radish seeds'))!;
  expect(words(path.join(dir, typed))).toContain('Count the sprouts');
  // Plain SVG text, nothing that runs.
  expect(readFileSync(path.join(dir, typed), 'utf8')).not.toMatch(/<script|<foreignObject|\son[a-z]+=/i);
  await expect.poll(() => drawn.nth(1).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(50);

  await studio.save();
  // The same article as the command line prints, but for where the preview loads the file from.
  const preview = await studio.articleBody.evaluate((element) => element.innerHTML);
  expect(preview.replace(/src="[^"]*\/((?:diagram-[0-9a-f]{16}\.svg|[a-z]+\.png))"/g, 'src="$1"')).toBe(render(path.join(dir, 'index.md')));
  await drawn.first().evaluate((img) => img.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `${SHOTS}/diagram-preview.png` });
});

test('a diagram being typed leaves one file, not one per pause', async ({ host, library, studio }) => {
  const dir = path.join(library, 'posts', 'steps');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), '---\ntitle: Steps\n---\n\n```mermaid\nflowchart LR\nA[Soak] --> B[Sow]\n```\n');
  await studio.open(host);
  await studio.openPost('Steps');
  const image = studio.articleBody.locator('figure.diagram img');
  await expect(image).toHaveCount(1, { timeout: 60_000 });
  await studio.editorContent.getByText('B[Sow]').click();
  await studio.page.keyboard.press('End');
  await studio.page.keyboard.type(' --> C[Water]');
  await expect.poll(() => diagramFiles(dir).map((name) => words(path.join(dir, name)).includes('Water'))).toEqual([true]);
});

test.describe('publishing a post with a diagram', () => {
  const blogs = withWordPress();

  test('WordPress gets the diagram once, as a PNG, and a republish uploads nothing', async ({ host, library, studio, page }) => {
    test.setTimeout(480_000);
    const blog = blogs.wp;
    const dir = path.join(library, 'posts', 'cycle');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.md'), '---\ntitle: The water cycle in a jar\nstatus: published\n---\n\nA sealed jar rains on itself.\n\n```mermaid\nflowchart LR\nE[Evaporation] --> C[Condensation] --> R[Rain]\n```\n');
    const added = await page.request.post(`${host.origin}/api/targets.add`, {
      data: [{ settings: { name: 'Class blog', kind: 'wordpress', siteUrl: blog.url, username: blog.username }, secret: blog.appPassword }],
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(added.ok()).toBe(true);
    await studio.open(host);
    await studio.openPost('The water cycle in a jar');
    await expect(studio.articleBody.locator('figure.diagram img')).toHaveCount(1, { timeout: 60_000 });

    const publish = async (expected: RegExp) => {
      await page.getByRole('button', { name: 'Publish' }).click();
      const dialog = page.getByRole('dialog', { name: 'Publish' });
      // The first publish loads WordPress's block library, which takes minutes on a busy machine.
      await dialog.getByRole('button', { name: 'Publish', exact: true }).click({ timeout: 100_000 });
      await expect(dialog.getByTestId('publish-result')).toContainText(expected, { timeout: 180_000 });
      await page.keyboard.press('Escape');
    };
    await publish(/Images: 1 uploaded/);
    const media = (await (await fetch(`${blog.url}/wp-json/wp/v2/media?per_page=20`)).json()) as Array<{ mime_type: string; source_url: string }>;
    expect(media).toHaveLength(1);
    expect(media[0]!.mime_type).toMatch(/^image\/(png|webp)$/);
    const posts = (await (await fetch(`${blog.url}/wp-json/wp/v2/posts?slug=the-water-cycle-in-a-jar`)).json()) as Array<{ content: { rendered: string } }>;
    expect(posts).toHaveLength(1);
    expect(posts[0]!.content.rendered).toContain(media[0]!.source_url);
    expect(posts[0]!.content.rendered).not.toContain('flowchart');
    // The PNG copy was made from the drawing, beside it.
    expect(readdirSync(dir).filter((name) => name.startsWith('diagram-')).map((name) => path.extname(name)).sort()).toEqual(['.png', '.svg']);

    await publish(/Nothing had changed since the last publish/);
    const again = (await (await fetch(`${blog.url}/wp-json/wp/v2/media?per_page=20`)).json()) as unknown[];
    expect(again).toHaveLength(1);
  });
});
