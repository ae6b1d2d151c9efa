/// The way back is lossless: a post using every construct Postwright renders, rendered, turned
/// back into markdown and rendered again, gives the same article HTML. This is what a blogger
/// relies on when a post comes back from the blog by import or "bring theirs in".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleToMarkdown, emphasisMarkerOf } from '../../../shared/html-to-markdown';
import { renderArticle } from '../../../shared/render';
import { portableHtml } from '../../../main/publish/portable-html';
import { createNodePurify } from '../../../main/render/node-purify';

/// What a blog receives: the article as published (MathML, no editor bookkeeping).
const render = (markdown: string) => portableHtml(renderArticle(markdown, createNodePurify(), {}));

const word = fc.constantFrom('salt', 'jar', 'pH', 'acid', 'Kefir', 'snake\\_case', '2\\*3', 'a<b', 'cost \\$5', 'x[1]', 'R&D', '#tag', 'e.g.', 'café', '18–22 °C', 'back\\slash', '\\`tick');
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const tex = fc.constantFrom('x^2', '\\frac{1}{n}', '\\sum_{i=1}^{n} x_i', '\\mathrm{pH} = -\\log_{10} [\\mathrm{H^+}]', 'a_b + c_d');
const inline = (em: '*' | '_') =>
  fc.oneof(
    words,
    words.map((w) => `${em}${w}${em}`),
    words.map((w) => `**${w}**`),
    fc.constantFrom('`code`', '`a < b`'),
    words.map((w) => `~~${w}~~`),
    words.map((w) => `[${w}](https://example.com/${encodeURIComponent(w)})`),
    tex.map((t) => `$${t}$`),
  );
const paragraph = (em: '*' | '_') => fc.array(inline(em), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' '));
const align = fc.constantFrom(':---', '---:', ':---:', '---');

const block = (em: '*' | '_') =>
  fc.oneof(
    paragraph(em),
    fc.tuple(fc.integer({ min: 1, max: 4 }), words).map(([level, w]) => `${'#'.repeat(level)} ${w}`),
    fc.array(paragraph(em), { minLength: 1, maxLength: 3 }).map((items) => items.map((i) => `- ${i}`).join('\n')),
    fc.array(words, { minLength: 1, maxLength: 3 }).map((items) => items.map((i, n) => `${n + 1}. ${i}`).join('\n')),
    paragraph(em).map((p) => `> ${p}`),
    fc.tuple(fc.array(align, { minLength: 1, maxLength: 3 }), fc.array(fc.constantFrom('3.5', 'crunchy', 'Kefir', '4.2'), { minLength: 3, maxLength: 3 })).map(([aligns, cells]) => {
      const row = (f: (i: number) => string) => `| ${aligns.map((_a, i) => f(i)).join(' | ')} |`;
      return [row((i) => `Head ${i}`), row((i) => aligns[i]!), row((i) => cells[i % cells.length]!)].join('\n');
    }),
    fc.tuple(fc.constantFrom('python', 'js', 'bash', ''), fc.array(fc.constantFrom('x = 1', 'if a < b:', '    return {"k": [1, 2]}', '# *not* emphasis', 'echo $HOME'), { minLength: 1, maxLength: 3 })).map(([lang, lines]) => `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``),
    tex.map((t) => `$$\n${t}\n$$`),
    fc.constantFrom('![A jar](jar.png)', '![The crock](img/crock.png "My grandmother\'s crock")', '![](photo.jpg)'),
    fc.constant('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" width="560" height="315" allowfullscreen></iframe>'),
    fc.constant('---'),
  );

const post = fc.constantFrom<'*' | '_'>('*', '_').chain((em) =>
  fc.tuple(fc.constant(em), fc.array(block(em), { minLength: 1, maxLength: 8 }), fc.array(paragraph(em), { maxLength: 2 })),
).map(([em, blocks, notes]) => {
  // Footnote marks go on the first paragraph-like block; their notes at the end.
  const marks = notes.map((_n, i) => `[^${i + 1}]`).join('');
  const body = [...blocks, `${em === '*' ? '*' : '_'}Last${em === '*' ? '*' : '_'} words.${marks}`].join('\n\n');
  return { em, markdown: `${body}\n${notes.map((n, i) => `\n[^${i + 1}]: ${n}`).join('\n')}\n` };
});

describe('the way back from a blog', () => {
  it('turns a rendered post back into markdown that renders the same HTML', () => {
    fc.assert(
      fc.property(post, ({ em, markdown }) => {
        const html = render(markdown);
        const back = articleToMarkdown(html, emphasisMarkerOf(markdown));
        expect(render(back.markdown), back.markdown).toBe(html);
        expect(back.keptAsHtml).toEqual([]);
        expect(emphasisMarkerOf(back.markdown)).toBe(em);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps what markdown cannot say as HTML and lists it', () => {
    const html = render('Water is H<sub>2</sub>O, press <kbd>Ctrl</kbd>.\n\n<video src="clip.mp4" controls></video>\n');
    const back = articleToMarkdown(html);
    expect(back.keptAsHtml.sort()).toEqual(['<kbd>', '<sub>', '<video>']);
    expect(render(back.markdown)).toBe(html);
  });
});
