/// A post, or the library's preview.css, that tries to cover, hide or script the studio. The
/// preview is a sandboxed frame: whatever it holds stays inside its own box.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const COVERING_POST = `---
title: Covering post
---

Before the covers.

<div style="position:fixed;inset:0;z-index:2147483647;background:#c00;color:#fff">Fixed cover</div>

<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;background:rgba(0,0,0,0.01)">Second cover</div>

<p style="margin:-5000px 0 0 -5000px;padding:10000px;position:relative;z-index:999;background:#00c">Negative margins</p>

<div style="position:absolute;top:-2000px;left:-2000px;width:9000px;height:9000px;z-index:999">Absolute cover</div>

<svg style="position:fixed;inset:0;width:100vw;height:100vh;z-index:999"><rect width="100%" height="100%" fill="green"/></svg>

<dialog open style="position:fixed;inset:0;z-index:999">Dialog cover</dialog>

<style>body { display: none !important } * { visibility: hidden !important }</style>

End of covers.
`;

const HOSTILE_CSS = `} body { display: none !important } .app, .toolbar, .sidebar, .cm-editor { visibility: hidden !important }
}}} * { visibility: hidden !important; pointer-events: none !important }
@import url("https://evil.example/steal.css");
@scope (.app) { * { display: none !important } }
:root { --bg: red }
.article-title { color: rgb(1, 2, 3) }
`;

function writeLibrary(library: string): void {
  const dir = path.join(library, 'posts', 'covering-post');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.md'), COVERING_POST);
  writeFileSync(path.join(library, 'preview.css'), HOSTILE_CSS);
}

/// Whether a click at the centre of `target` lands on it, not on something drawn over it.
async function receivesClicks(target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  if (!box) return false;
  return target.evaluate((element, { x, y }) => {
    const hit = element.ownerDocument.elementFromPoint(x, y);
    return !!hit && (hit === element || element.contains(hit));
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
}

test('a post and a preview.css cannot cover, hide or script the studio', async ({ host, library, studio, page }) => {
  writeLibrary(library);
  await studio.open(host);
  await studio.openPost('Covering post');
  // The post did render (in the preview), covers and all.
  await expect(studio.articleBody).toContainText('End of covers.');
  await expect(studio.articleBody).toContainText('Fixed cover');

  // The studio is still there and answers clicks where the writer clicks.
  const publish = page.getByRole('button', { name: 'Publish' });
  const newPost = page.getByRole('button', { name: 'New post' });
  for (const part of [page.locator('.toolbar'), page.locator('.sidebar'), studio.editor, publish, newPost]) await expect(part).toBeVisible();
  expect(await receivesClicks(publish)).toBe(true);
  expect(await receivesClicks(newPost)).toBe(true);
  expect(await receivesClicks(studio.editorContent.getByText('Before the covers.'))).toBe(true);
  expect(await receivesClicks(studio.post('Covering post'))).toBe(true);

  await publish.click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await studio.typeAtEnd('\nTyped after the covers.');
  await expect(studio.editorContent).toContainText('Typed after the covers.');
  await expect(studio.articleBody).toContainText('Typed after the covers.');

  // The library's stylesheet reaches the preview (that is its job), and nothing else.
  await expect(studio.preview.locator('.article-title')).toHaveCSS('color', 'rgb(1, 2, 3)');
  await expect(page.locator('.toolbar-title')).not.toHaveCSS('color', 'rgb(1, 2, 3)');
  await expect(page.locator('body')).not.toHaveCSS('background-color', 'rgb(255, 0, 0)');
});

test('nothing inside the preview can run script, even what a sanitizer missed', async ({ host, library, studio, page }) => {
  writeLibrary(library);
  await studio.open(host);
  await studio.openPost('Covering post');
  await expect(studio.articleBody).toContainText('End of covers.');

  const frame = page.locator('iframe[data-testid="preview-frame"]');
  await expect(frame).toHaveCount(1);
  const sandbox = await frame.getAttribute('sandbox');
  expect(sandbox).not.toBeNull();
  expect(sandbox!.split(/\s+/)).not.toContain('allow-scripts');

  // Plant script in the preview as if it had slipped past the sanitizer: a script element,
  // an inline handler, and a javascript: link, then trigger them.
  const inFrame = page.frameLocator('iframe[data-testid="preview-frame"]');
  await inFrame.locator('body').evaluate((body) => {
    const doc = body.ownerDocument;
    const script = doc.createElement('script');
    script.textContent = 'window.top.__previewPwned = "script"';
    body.append(script);
    const button = doc.createElement('button');
    button.id = 'planted';
    button.textContent = 'planted';
    button.setAttribute('onclick', 'window.top.__previewPwned = "handler"');
    body.append(button);
    const image = doc.createElement('img');
    image.setAttribute('onerror', 'window.top.__previewPwned = "onerror"');
    image.src = 'data:,not-an-image';
    body.append(image);
  });
  // The post's covers sit over the planted button inside the frame; the click is sent to it.
  await inFrame.locator('#planted').dispatchEvent('click');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
  expect(await page.evaluate(() => (window as unknown as { __previewPwned?: string }).__previewPwned ?? null)).toBeNull();
  await expect(page).toHaveURL(new RegExp(`^${host.origin}/`));
});
