import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { keepTexturized, texturizeTree } from '../../../renderer/src/preview/theme-text';

const article = (html: string) => {
  const { document } = new JSDOM(`<div id="root">${html}</div>`).window;
  return document.getElementById('root')!;
};

describe('theme-preview: WordPress text in the preview', () => {
  it('curls quotes and dashes in text, never in code or maths', () => {
    const root = article('<p>She said "hi" -- twice.</p><pre><code>x = "raw" -- y</code></pre><p>Use <code>"it\'s"</code> here...</p><p><span class="katex">"a"</span></p>');
    texturizeTree(root);
    expect(root.querySelectorAll('p')[0]!.textContent).toBe('She said “hi” — twice.');
    expect(root.querySelector('pre')!.textContent).toBe('x = "raw" -- y');
    expect(root.querySelectorAll('p')[1]!.textContent).toBe('Use "it\'s" here…');
    expect(root.querySelector('.katex')!.textContent).toBe('"a"');
  });

  it('turns a quote by the text before it in the same paragraph, across inline elements', () => {
    const root = article('<p>"<em>Moss</em>" grows.</p><p>"Next"</p>');
    texturizeTree(root);
    expect(root.querySelectorAll('p')[0]!.textContent).toBe('“Moss” grows.');
    expect(root.querySelectorAll('p')[1]!.textContent).toBe('“Next”');
  });

  it('keeps up as the preview patches blocks in', async () => {
    const root = article('<p>one</p>');
    const stop = keepTexturized(root);
    const added = root.ownerDocument.createElement('p');
    added.textContent = 'it\'s "new"';
    root.append(added);
    await expect.poll(() => added.textContent).toBe('it’s “new”');
    stop();
  });
});
