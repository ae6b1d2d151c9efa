import { describe, expect, it } from 'vitest';
import { article } from './helpers';

describe('code fences', () => {
  it('highlights a known language with hljs classes', () => {
    const code = article('```js\nconst answer = 42;\n```').querySelector('pre > code')!;
    expect(code.className).toBe('hljs language-js');
    expect(code.querySelector('span.hljs-keyword')?.textContent).toBe('const');
    expect(code.querySelector('span.hljs-number')?.textContent).toBe('42');
    expect(code.textContent).toBe('const answer = 42;\n');
  });

  it.each([
    ['python', 'def f():\n    return 1', 'hljs-keyword'],
    ['ts', 'let x: number = 1', 'hljs-keyword'],
    ['bash', 'echo "hi"', 'hljs-built_in'],
    ['json', '{"a": 1}', 'hljs-attr'],
    ['html', '<p>hi</p>', 'hljs-tag'],
    ['rust', 'fn main() {}', 'hljs-keyword'],
    ['yaml', 'title: Hello', 'hljs-attr'],
    ['diff', '+added', 'hljs-addition'],
  ])('knows %s', (lang, source, tokenClass) => {
    const code = article('```' + lang + '\n' + source + '\n```').querySelector('pre > code')!;
    expect(code.classList.contains('hljs')).toBe(true);
    expect(code.querySelector(`span.${tokenClass}`)).not.toBeNull();
  });

  it('escapes an unknown language as plain text', () => {
    const code = article('```brainfuck\n<script>alert(1)</script>\n```').querySelector('pre > code')!;
    expect(code.className).toBe('language-brainfuck');
    expect(code.children).toHaveLength(0);
    expect(code.textContent).toBe('<script>alert(1)</script>\n');
  });

  it('escapes a fence without a language and never guesses one', () => {
    const code = article('```\nconst x = "<b>";\n```').querySelector('pre > code')!;
    expect(code.hasAttribute('class')).toBe(false);
    expect(code.textContent).toBe('const x = "<b>";\n');
  });
});
