/// Which WordPress block each piece of a rendered post becomes. The markup itself is made by
/// WordPress's block library and checked in the real block editor (tests/e2e/wp-native-*.spec.ts).
import { describe, expect, it } from 'vitest';
import { htmlToBlocks, type BlockSpec } from '../../../main/publish/wp-blocks/html-to-blocks';
import { createNodePurify } from '../../../main/render/node-purify';
import { portableHtml } from '../../../main/publish/portable-html';
import { renderArticle } from '../../../shared/render';

const render = (markdown: string) => portableHtml(renderArticle(markdown, createNodePurify(), {}));
const names = (blocks: BlockSpec[]): unknown[] => blocks.map((b) => (b.innerBlocks.length ? [b.name, names(b.innerBlocks)] : b.name));

describe('the blocks WordPress gets', () => {
  it('makes every construct of a post the core block the editor would make', () => {
    const html = render([
      '## Why ferment?', '', 'Some **bold** text.', '', '- a', '- b', '  1. nested', '', '> quoted *text*', '', '---', '',
      '| A | B |', '|---|--:|', '| 1 | 2 |', '', '```python', 'def f(): pass', '```', '',
      '![A jar](jar.png)', '', '![The crock](crock.png "Grandma’s crock")', '',
      '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>', '',
      '<iframe src="https://player.vimeo.com/video/76979871"></iframe>', '',
      'Inline $e^x$ math.', '', '$$', 'x^2', '$$', '', '<div class="note">mine</div>', '', 'A note.[^1]', '', '[^1]: The note.',
    ].join('\n'));
    const blocks = htmlToBlocks(html, (url) => (url === 'jar.png' ? 42 : undefined));
    expect(names(blocks)).toEqual([
      'core/heading', 'core/paragraph',
      ['core/list', ['core/list-item', ['core/list-item', [['core/list', ['core/list-item']]]]]],
      ['core/quote', ['core/paragraph']], 'core/separator', 'core/table', 'core/code', 'core/image', 'core/image',
      'core/embed', 'core/embed',
      // Math, the author's own HTML and the footnotes stay exactly as written.
      'core/html', 'core/html', 'core/html', 'core/paragraph', 'core/html', 'core/html',
    ]);
    const [heading, , , , , table, code, jar, crock, youtube, vimeo, inlineMath] = blocks;
    expect(heading!.attributes).toEqual({ content: 'Why ferment?', level: 2, anchor: 'why-ferment' });
    expect(table!.attributes.head).toEqual([{ cells: [{ content: 'A', tag: 'th' }, { content: 'B', tag: 'th', align: 'right' }] }]);
    // Its light ground as WordPress's own colour setting for the block (a theme may set code dark).
    expect(code!.attributes.style).toEqual({ color: { background: '#f6f8fa', text: '#1f2328' } });
    expect(code!.attributes.content).toBe('<span class="hljs-keyword" style="color:#7c3aed">def</span> <span class="hljs-title function_" style="color:#1d4ed8">f</span>(): <span class="hljs-keyword" style="color:#7c3aed">pass</span>');
    expect(jar!.attributes).toEqual({ url: 'jar.png', alt: 'A jar', id: 42, sizeSlug: 'full', linkDestination: 'none' });
    expect(crock!.attributes).toMatchObject({ url: 'crock.png', alt: 'The crock', caption: 'Grandma’s crock' });
    expect(crock!.attributes.id).toBeUndefined();
    expect(youtube!.attributes).toMatchObject({ url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', providerNameSlug: 'youtube', type: 'video' });
    expect(vimeo!.attributes).toMatchObject({ url: 'https://vimeo.com/76979871', providerNameSlug: 'vimeo' });
    expect(inlineMath!.attributes.content).toMatch(/^<p>Inline <math[\s\S]*<\/p>$/);
  });

  it('keeps an iframe from anywhere else, and a list holding math, as Custom HTML', () => {
    const html = render('<iframe src="https://www.google.com/maps/embed?pb=x"></iframe>\n\n- $x$ item\n- b');
    expect(names(htmlToBlocks(html))).toEqual(['core/html', 'core/html']);
  });

  it('gives the same blocks for the same post, so an unchanged post is not sent again', () => {
    const html = render('# T\n\n| a |\n|---|\n| b |\n\n- x\n');
    expect(JSON.stringify(htmlToBlocks(html))).toBe(JSON.stringify(htmlToBlocks(html)));
  });
});
