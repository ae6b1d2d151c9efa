import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePostFile, replaceBody, serializePostFile, setFrontMatterFields } from '../../../shared/frontmatter';

const RUNS = { numRuns: 400 };

// Pieces that steer random text into the interesting paths: fences, BOMs, every kind of line break.
const piece = fc.oneof(
  fc.constantFrom('---', '...', '--- ', '----', '\n', '\r\n', '\r', '\uFEFF', 'a: 1', 'title: "x', '- a', ' ', '\t', '#'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const fenceHeavyText = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/);
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const key = fc.oneof(fc.constantFrom('title', 'date', 'tags', 'draft', 'aliases', 'weight'), fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/));

/// One `key: value` entry as a hand-written file would have it; `\n` is swapped for the file's eol later.
const valueSource = fc.oneof(
  words,
  words.map((w) => `"${w} \\"quoted\\" \\u00e9"`),
  words.map((w) => `'${w} it''s'`),
  fc.integer().map(String),
  fc.constantFrom('true', 'false', '', '~', '2026-11-25', '2026-11-25T10:00:00+01:00', '3.5', '.inf', 'yes'),
  fc.array(words, { minLength: 1, maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
  fc.array(words, { minLength: 1, maxLength: 3 }).map((items) => '\n' + items.map((i) => `  - ${i}`).join('\n')),
  fc.array(words, { minLength: 1, maxLength: 3 }).map((lines) => '|\n' + lines.map((l) => `  ${l}`).join('\n')),
  fc.tuple(words, words).map(([a, b]) => `\n  inner: ${a}\n  other: ${b}`),
);
const comment = words.map((w) => `# ${w}`);
const entry = fc.record({
  value: valueSource,
  trailing: fc.option(comment, { nil: undefined }),
  before: fc.array(fc.oneof(comment, fc.constant('')), { maxLength: 2 }),
});

const bodyLine = fc.oneof(words, fc.constantFrom('---', '...', '', '# Heading', '```yaml', 'a: b'), fc.string({ maxLength: 20 }));
const realisticPost = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    keys: fc.uniqueArray(key, { maxLength: 8 }),
    entries: fc.array(entry, { minLength: 8, maxLength: 8 }),
    close: fc.constantFrom('---', '...', '---  '),
    body: fc.array(bodyLine, { maxLength: 8 }),
    endsWithEol: fc.boolean(),
  })
  .map(({ bom, eol, keys, entries, close, body, endsWithEol }) => {
    const comments: string[] = []; // whole-line comments: never touched
    const trailingComments: (string | null)[] = []; // `key: value # note`: goes with its line
    const pairs: string[] = [];
    const lines = keys.flatMap((k, i) => {
      const e = entries[i]!;
      const multiLine = e.value.startsWith('\n') || e.value.startsWith('|');
      const trailing = e.trailing && !multiLine ? ` ${e.trailing}` : '';
      comments.push(...e.before.filter((c) => c !== ''));
      trailingComments.push(trailing ? e.trailing! : null);
      const pair = `${k}:${e.value.startsWith('\n') || e.value === '' ? '' : ' '}${e.value}${trailing}`;
      pairs.push(pair);
      return [...e.before, pair];
    });
    const text = `${bom ? '\uFEFF' : ''}---\n${lines.map((l) => l + '\n').join('')}${close}\n${body.join('\n')}${endsWithEol ? '\n' : ''}`;
    return { text: text.replace(/\r?\n/g, eol), keys, pairs, comments, trailingComments, eol, bom };
  });

const jsonValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('2026-11-25', '2026-11-25T10:00:00+01:00', 'yes', 'No', 'null', '', ' padded ', 'a: b', '- x', '# no', 'two\nlines\n'),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 3 }),
  fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

describe('front matter round-trips', () => {
  it('serializePostFile(parsePostFile(t)) === t for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (t) => serializePostFile(parsePostFile(t)) === t), RUNS);
    fc.assert(fc.property(fenceHeavyText, (t) => serializePostFile(parsePostFile(t)) === t), RUNS);
  });

  it('round-trips realistic posts byte for byte and reads all their fields', () => {
    fc.assert(
      fc.property(realisticPost, ({ text, keys, bom, eol }) => {
        const file = parsePostFile(text);
        expect(serializePostFile(file)).toBe(text);
        expect(file.error).toBeNull();
        expect(Object.keys(file.data)).toEqual(keys);
        expect(file.bom).toBe(bom);
        expect(file.eol).toBe(eol);
      }),
      RUNS,
    );
  });
});

describe('setFrontMatterFields', () => {
  const change = fc.constantFrom('keep', 'keep', 'set', 'delete');
  const scenario = fc.record({
    post: realisticPost,
    changes: fc.array(fc.tuple(change, jsonValue), { minLength: 8, maxLength: 8 }),
    added: fc.array(fc.tuple(fc.stringMatching(/^new_[a-z]{1,4}$/), jsonValue), { maxLength: 3 }),
  });

  it('changes only the named fields, keeps unknown keys, their order, comments and bytes', () => {
    fc.assert(
      fc.property(scenario, ({ post, changes, added }) => {
        const before = parsePostFile(post.text);
        const fields: Record<string, unknown> = {};
        post.keys.forEach((k, i) => {
          const [what, value] = changes[i]!;
          if (what !== 'keep') fields[k] = what === 'set' ? value : undefined;
        });
        const newKeys = [...new Set(added.map(([k]) => k))].filter((k) => !post.keys.includes(k));
        for (const [k, v] of added) fields[k] = v;

        const out = setFrontMatterFields(post.text, fields);
        const after = parsePostFile(out);
        expect(after.error).toBeNull();
        expect(after.body).toBe(before.body);
        expect(after.bom).toBe(before.bom);
        expect(out.includes('\r\n')).toBe(post.text.includes('\r\n'));
        if (post.eol === '\r\n') expect(out.replace(/\r\n/g, '')).not.toContain('\n');

        const kept = post.keys.filter((k) => !(k in fields));
        const expectedKeys = post.keys.filter((k) => !(k in fields) || fields[k] !== undefined).concat(newKeys);
        expect(Object.keys(after.data)).toEqual(expectedKeys);
        for (const k of kept) expect(after.data[k]).toEqual(before.data[k]);
        for (const [k, v] of Object.entries(fields)) if (v !== undefined) expect(after.data[k]).toEqual(v);
        // Untouched entries and every comment are still there, spelled exactly as before.
        post.keys.forEach((k, i) => {
          if (!(k in fields)) expect(out).toContain(post.pairs[i]!.split('\n')[0]!.replace(/\n/g, post.eol));
        });
        for (const c of post.comments) expect(out).toContain(c);
        post.keys.forEach((k, i) => {
          const note = post.trailingComments[i];
          if (note && fields[k] !== undefined) expect(out).toContain(note);
        });
      }),
      RUNS,
    );
  });

  it('is a no-op text-wise when setting nothing', () => {
    fc.assert(fc.property(realisticPost, ({ text }) => setFrontMatterFields(text, {}) === text), RUNS);
  });
});

describe('replaceBody', () => {
  it('keeps the front matter bytes and swaps in the body', () => {
    const anyText = fc.oneof(realisticPost.map((p) => p.text), fenceHeavyText);
    fc.assert(
      fc.property(anyText, fc.string({ unit: 'grapheme', maxLength: 40 }), (text, body) => {
        const file = parsePostFile(text);
        let prefix = text.slice(0, text.length - file.body.length);
        // A closing fence that ended the file gets a line break once there is a body after it.
        if (file.frontMatter !== null && body !== '' && !prefix.endsWith('\n')) prefix += file.eol;
        const out = replaceBody(text, body);
        expect(out).toBe(prefix + body);
      }),
      RUNS,
    );
  });
});
