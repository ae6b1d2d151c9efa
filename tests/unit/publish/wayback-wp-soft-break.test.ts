/// A paragraph hard-wrapped in the editor reads as one line on the blog, as in the preview:
/// WordPress's serializer stores a newline inside a paragraph as <br>, a visible line break.
import { beforeAll, expect, it } from 'vitest';
import { htmlToBlocks } from '../../../main/publish/wp-blocks/html-to-blocks';
import { serializeBlocks, warmBlockSerializer } from '../../../main/publish/wp-blocks/serialize';
import { portableHtml } from '../../../main/publish/portable-html';
import { createNodePurify } from '../../../main/render/node-purify';
import { renderArticle } from '../../../shared/render';

const markup = async (markdown: string) => serializeBlocks(htmlToBlocks(portableHtml(renderArticle(markdown, createNodePurify(), {})), () => undefined));

beforeAll(() => warmBlockSerializer(), 120_000);

it('sends a soft line break as a space, and a hard one still as a line break', async () => {
  expect(await markup('A paragraph written\nover *two* lines.')).toContain('<p>A paragraph written over <em>two</em> lines.</p>');
  expect(await markup('A hard\\\nbreak.')).toContain('<p>A hard<br>break.</p>');
});
