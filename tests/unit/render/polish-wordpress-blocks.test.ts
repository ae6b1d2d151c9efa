// The preview shown as on a WordPress blog: each block wears the markup its native block has on
// the published page (figure.wp-block-table, blockquote.wp-block-quote…), and typing still
// patches the right blocks: after each edit the article is the decorated full render.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { PreviewBody } from '../../../renderer/src/preview/incremental';
import { asWordPressBlocks } from '../../../renderer/src/preview/wordpress-blocks';

const purify = createNodePurify();
const doc = () => new JSDOM('<!DOCTYPE html><body></body>').window.document;
const resolveAsset = (src: string) => `files/post/${src}`;

const POST = [
  '## Method',
  'Text.',
  '> A quote\n>\n> - inside',
  '| A | B |\n|---|--:|\n| 1 | 2 |',
  '- one\n  - nested',
  '```js\nconst x = 1;\n```',
  '---',
  '![A photo](photo.jpg)',
  '![A plot](plot.png "Growth")',
  '<blockquote class="pull">Sent as HTML</blockquote>',
].join('\n\n');

function shown(text: string, key = 'post'): { body: PreviewBody; root: HTMLElement } {
  const root = doc().body;
  const body = new PreviewBody(root, purify);
  body.setDecorator(asWordPressBlocks);
  body.update(key, text, { resolveAsset });
  return { body, root };
}

describe('the preview as on WordPress', () => {
  it('gives each block the markup of its native block', () => {
    const { root } = shown(POST);
    const html = root.innerHTML;
    expect(root.querySelector(':scope > h2')!.className).toBe('wp-block-heading');
    expect(root.querySelector(':scope > blockquote:not(.pull)')!.className).toBe('wp-block-quote is-layout-flow wp-block-quote-is-layout-flow');
    expect(root.querySelector(':scope > blockquote > ul')!.className).toBe('wp-block-list');
    expect(root.querySelector(':scope > figure.wp-block-table > table')).not.toBeNull();
    expect(root.querySelector(':scope > ul.wp-block-list > li > ul.wp-block-list')).not.toBeNull();
    expect(root.querySelector(':scope > pre.wp-block-code > code')).not.toBeNull();
    expect(root.querySelector(':scope > hr')!.className).toBe('wp-block-separator has-alpha-channel-opacity');
    // An image alone in its paragraph goes out as an image block: a figure, no paragraph.
    expect(root.querySelectorAll(':scope > figure.wp-block-image.size-full > img')).toHaveLength(2);
    expect(root.querySelector('figcaption')!.className).toBe('wp-element-caption');
    expect(root.querySelector(':scope > p > img')).toBeNull();
    // What goes out as HTML keeps its own attributes and no block class.
    expect(root.querySelector('blockquote.pull')!.className).toBe('pull');
    // The line each block came from stays on its outermost element, for scroll sync.
    expect(root.querySelector(':scope > figure.wp-block-table')!.getAttribute('data-line')).toBe('8');
    expect(html).not.toMatch(/<table[^>]*data-line/);
  });

  it('patches blocks around a wrapped table as typing goes on', () => {
    const { body, root } = shown(POST);
    let text = POST;
    for (const [from, to] of [['Text.', 'Text, longer.'], ['| 1 | 2 |', '| 1 | 2 |\n| 3 | 4 |'], ['## Method', '## Method\n\nA new paragraph.'], ['- one', '- one, two']] as const) {
      text = text.replace(from, to);
      body.update('post', text, { resolveAsset });
      expect(root.innerHTML).toBe(shown(text).root.innerHTML);
      expect(body.blocks().every((block) => block.parentNode === root && block.hasAttribute('data-line'))).toBe(true);
    }
    expect(root.querySelectorAll('figure.wp-block-table')).toHaveLength(1);
    expect(root.querySelectorAll('figure.wp-block-table td')).toHaveLength(4);
  });

  it('leaves the plain preview as it was', () => {
    const root = doc().body;
    new PreviewBody(root, purify).update('post', POST, { resolveAsset });
    expect(root.innerHTML).not.toMatch(/wp-block|<figure[^>]*>\s*<table/);
  });
});
