import { describe, expect, it } from 'vitest';
import { createNodePurify } from '../../../main/render/node-purify';
import { renderArticle } from '../../../shared/render/index';
import { article } from './helpers';

const links = (markdown: string) =>
  [...article(markdown).querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]);

describe('GFM where bloggers meet it', () => {
  it('strikes ~one tilde~ as well as ~~two~~, and leaves three tildes and unmatched runs alone', () => {
    const body = article('~typo~ then ~~old claim~~, ~~~not this~~~ and ~not~~ this');
    expect([...body.querySelectorAll('del')].map((s) => s.textContent)).toEqual(['typo', 'old claim']);
    expect(body.textContent).toContain('~~~not this~~~ and ~not~~ this');
  });

  it('links e-mail addresses on any domain, and xmpp: and mailto: addresses', () => {
    expect(links('Write to lab.notes+blog@uni-x.research or chat at xmpp:me@jabber.lab/phone, or mailto:a@b.io')).toEqual([
      ['mailto:lab.notes+blog@uni-x.research', 'lab.notes+blog@uni-x.research'],
      ['xmpp:me@jabber.lab/phone', 'xmpp:me@jabber.lab/phone'],
      ['mailto:a@b.io', 'mailto:a@b.io'],
    ]);
  });

  it('keeps a sentence\'s full stop out of an e-mail link, and does not link an address ending in - or _', () => {
    expect(links('Mail me at ada@lab.example. Not x@y.z- or x@y.z_')).toEqual([['mailto:ada@lab.example', 'ada@lab.example']]);
  });

  it('keeps the ) that closes a link\'s own parentheses, and leaves out an unmatched one', () => {
    expect(links('See www.example.com/search?q=(tides))+moon for it.')).toEqual([
      ['http://www.example.com/search?q=(tides))+moon', 'www.example.com/search?q=(tides))+moon'],
    ]);
    expect(links('(see https://en.wikipedia.org/wiki/Pipe_(computing)).')).toEqual([
      ['https://en.wikipedia.org/wiki/Pipe_(computing)', 'https://en.wikipedia.org/wiki/Pipe_(computing)'],
    ]);
  });

  it('shows a <title> in a post as text instead of hiding the rest of the post in it', () => {
    const body = article('Put the name in <title> tags.\n\nThe rest **matters**.');
    expect(body.textContent).toContain('Put the name in <title> tags.');
    expect(body.querySelector('strong')?.textContent).toBe('matters');
  });

  it('shows a <textarea>, <style>, <xmp> or <plaintext> as text, and the post after it still renders', () => {
    for (const tag of ['textarea', 'style', 'xmp', 'plaintext', 'noembed', 'noframes', 'script']) {
      const body = article(`A <${tag}> mentioned inline.\n\nThe rest **matters**.`);
      expect(body.textContent, tag).toContain(`A <${tag}> mentioned inline.`);
      expect(body.querySelector('strong')?.textContent, tag).toBe('matters');
    }
  });

  it('escapes the closing tag too, so a <script> block is shown, never run or dropped', () => {
    const html = renderArticle('<script>alert(1)</script>\n\nafter', createNodePurify());
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('still embeds an allowed player: <iframe> is left to the sanitizer', () => {
    const body = article('<iframe src="https://www.youtube.com/embed/abc"></iframe>');
    expect(body.querySelector('iframe')?.getAttribute('src')).toBe('https://www.youtube.com/embed/abc');
  });

  it('keeps non-breaking spaces at the edges of a code span, and strips one plain space', () => {
    const codes = [...article('`\u00a0x\u00a0` and ` y ` and `\u00a0` and `  `').querySelectorAll('code')];
    expect(codes.map((c) => c.textContent)).toEqual(['\u00a0x\u00a0', 'y', '\u00a0', '  ']);
  });

  it('ends an unclosed <a> with its paragraph: no empty links or linked paragraphs after it', () => {
    const body = article('Read <a href="https://example.org">the paper\n\nNext paragraph.\n\nAnd more.');
    const anchors = [...body.querySelectorAll('a')];
    expect(anchors.map((a) => a.textContent)).toEqual(['the paper']);
    expect(body.querySelectorAll('p a')).toHaveLength(1);
    expect(body.querySelector('p:nth-of-type(2)')?.closest('a')).toBeNull();
  });

  it('ends an unclosed <b> with its paragraph, and keeps one closed later in the same paragraph', () => {
    const body = article('Some <b>bold\n\nplain\n\n<i>one</i> and <b>two\nlines</b> here');
    expect([...body.querySelectorAll('b')].map((b) => b.textContent)).toEqual(['bold', 'two\nlines']);
  });
});
