import { describe, expect, it } from 'vitest';
import { texturize } from '../../../shared/texturize';

// Input and what WordPress 6.1's own wptexturize() printed for it (Debian's wordpress package,
// run through php): the preview must show the blog's characters, not our idea of them.
const WORDPRESS: Array<[string, string]> = [
  ["\"Hello,\" she said. It's here...", "“Hello,” she said. It’s here…"],
  ["a -- b", "a — b"],
  ["a---b", "a—b"],
  ["pages 3-5 and 10--12", "pages 3-5 and 10–12"],
  ["in '99 it was", "in ’99 it was"],
  ["6' tall, 12\" wide", "6′ tall, 12″ wide"],
  ["3x4 grid", "3×4 grid"],
  ["(\"quoted\")", "(“quoted”)"],
  ["'single' and xn--abc", "‘single’ and xn--abc"],
  ["- list", "– list"],
  ["wait - what", "wait – what"],
  ["rock 'n' roll", "rock ‘n’ roll"],
  ["``tex'' style", "“tex” style"],
  ["Brand (tm) name", "Brand ™ name"],
  ["the 80's", "the 80’s"],
  ["'tis", "’tis"],
  ["a--b", "a–b"],
];

describe('texturize (WordPress quotes and dashes)', () => {
  it.each(WORDPRESS)('%s', (input, shown) => {
    expect(texturize(input)).toBe(shown);
  });

  it('turns a quote the way the text before it (another node) says', () => {
    // "<em>word</em>" then a closing quote in the next text node.
    expect(texturize('" after', 'word')).toBe('” after');
    expect(texturize('"word', 'said ')).toBe('“word');
    expect(texturize("'quoted'", '(')).toBe('‘quoted’');
  });

  it('leaves text without anything to change as it is', () => {
    expect(texturize('plain words')).toBe('plain words');
  });
});
