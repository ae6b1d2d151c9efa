import { describe, expect, it } from 'vitest';
import {
  FrontMatterInvalidError,
  parsePostFile,
  replaceBody,
  serializePostFile,
  setFrontMatterFields,
} from '../../../shared/frontmatter';

const roundTrips = (text: string) => expect(serializePostFile(parsePostFile(text))).toBe(text);

describe('parsePostFile', () => {
  it('splits front matter and body exactly', () => {
    const text = '---\ntitle: Hello\ntags: [a, b]\n---\n# Hello\n\n---\nA thematic break above.\n';
    const file = parsePostFile(text);
    expect(file.frontMatter).toBe('title: Hello\ntags: [a, b]\n');
    expect(file.body).toBe('# Hello\n\n---\nA thematic break above.\n');
    expect(file.data).toEqual({ title: 'Hello', tags: ['a', 'b'] });
    expect(file.error).toBeNull();
    roundTrips(text);
  });

  it('keeps dates and date-times as the strings the user typed', () => {
    const text = '---\ndate: 2026-11-25\nupdated: 2026-11-25T10:00:00+01:00\nspaced: 2026-11-25 10:00:00\n---\n';
    expect(parsePostFile(text).data).toEqual({
      date: '2026-11-25',
      updated: '2026-11-25T10:00:00+01:00',
      spaced: '2026-11-25 10:00:00',
    });
  });

  it('reads a BOM and CRLF line endings and gives them back', () => {
    const text = '\uFEFF---\r\ntitle: "Hi"\r\n---\r\nBody\r\nline\r\n';
    const file = parsePostFile(text);
    expect(file.bom).toBe(true);
    expect(file.eol).toBe('\r\n');
    expect(file.frontMatter).toBe('title: "Hi"\r\n');
    expect(file.data).toEqual({ title: 'Hi' });
    expect(file.body).toBe('Body\r\nline\r\n');
    roundTrips(text);
  });

  it('picks the dominant line ending of a mixed file', () => {
    expect(parsePostFile('a\r\nb\r\nc\n').eol).toBe('\r\n');
    expect(parsePostFile('a\r\nb\nc\n').eol).toBe('\n');
    expect(parsePostFile('no line break').eol).toBe('\n');
  });

  it('reads an empty front matter block', () => {
    const file = parsePostFile('---\n---\n');
    expect(file).toMatchObject({ frontMatter: '', body: '', data: {}, error: null });
    roundTrips('---\n---\n');
  });

  it('accepts `...` as the closing fence and a closing fence at the end of the file', () => {
    expect(parsePostFile('---\na: 1\n...\nbody').body).toBe('body');
    for (const text of ['---\na: 1\n...\nbody', '---\na: 1\n---', '---  \na: 1\n---\t\r\nb']) {
      expect(parsePostFile(text).data).toEqual({ a: 1 });
      roundTrips(text);
    }
  });

  it('treats an opening fence without a closing one as no front matter', () => {
    const text = '---\ntitle: Half written\n\nThe whole post is body.\n';
    expect(parsePostFile(text)).toMatchObject({ frontMatter: null, body: text, data: {}, error: null });
    roundTrips(text);
  });

  it('does not take a fence that is not on the first line', () => {
    expect(parsePostFile('\n---\na: 1\n---\n').frontMatter).toBeNull();
    expect(parsePostFile('---- \na: 1\n---\n').frontMatter).toBeNull();
  });

  it('reports malformed YAML with the line in the whole file', () => {
    const file = parsePostFile('---\ntitle: ok\ndescription: "never closed\n---\nBody\n');
    expect(file.data).toEqual({});
    expect(file.error?.line).toBe(3);
    expect(file.error?.message).toMatch(/quote/i);
    expect(parsePostFile('\uFEFF---\r\na: 1\r\nb: 2\r\nb: 3\r\n---\r\n').error?.line).toBe(4);
    expect(parsePostFile('---\na: 1\nb: [1, 2\n---\n').error?.line).toBe(3);
    expect(parsePostFile('---\na: 1\n\tb: 2\n---\n').error?.line).toBe(3);
  });

  it('reports a front matter that is not a mapping', () => {
    expect(parsePostFile('---\n- a\n- b\n---\n').error).toMatchObject({ line: 2 });
    expect(parsePostFile('---\n# note\njust text\n---\n').error).toMatchObject({ line: 3 });
  });

  it('keeps a key named __proto__ as data, not as a prototype', () => {
    const data = parsePostFile('---\n__proto__: x\n---\n').data;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['__proto__']);
  });
});

describe('setFrontMatterFields', () => {
  const post = [
    '\uFEFF---',
    '# Written by hand',
    'title: "Old title" # keep me',
    "subtitle: 'single'",
    'date: 2026-11-25',
    'custom_thing: {a: 1}',
    'tags:',
    '  - one',
    '  - two',
    'draft: true',
    '---',
    'Body text',
    '',
  ].join('\r\n');

  it('changes only the named fields and keeps every other byte', () => {
    const out = setFrontMatterFields(post, { title: 'New title', draft: undefined, summary: 'Short' });
    expect(out).toBe(
      [
        '\uFEFF---',
        '# Written by hand',
        'title: "New title" # keep me',
        "subtitle: 'single'",
        'date: 2026-11-25',
        'custom_thing: {a: 1}',
        'tags:',
        '  - one',
        '  - two',
        'summary: Short',
        '---',
        'Body text',
        '',
      ].join('\r\n'),
    );
  });

  it('replaces a block value and keeps the comment that follows', () => {
    const out = setFrontMatterFields(post, { tags: ['x'] });
    expect(parsePostFile(out).data.tags).toEqual(['x']);
    expect(out).toContain('custom_thing: {a: 1}\r\ntags:\r\n  - x\r\ndraft: true\r\n');
  });

  it('writes dates plainly and quotes strings other YAML readers would take for something else', () => {
    const out = setFrontMatterFields('---\n---\n', { date: '2027-01-02', answer: 'No', count: '010', on: 'on' });
    expect(out).toBe('---\ndate: 2027-01-02\nanswer: "No"\ncount: "010"\n"on": "on"\n---\n');
    expect(parsePostFile(out).data).toEqual({ date: '2027-01-02', answer: 'No', count: '010', on: 'on' });
  });

  it('creates a front matter block when the file has none', () => {
    expect(setFrontMatterFields('Hello\r\n', { title: 'T', tags: [] })).toBe('---\r\ntitle: T\r\ntags: []\r\n---\r\nHello\r\n');
    expect(setFrontMatterFields('\uFEFFHello', { title: 'T' })).toBe('\uFEFF---\ntitle: T\n---\nHello');
    expect(setFrontMatterFields('Hello', { gone: undefined })).toBe('Hello');
  });

  it('adds a line break after a closing fence that ended the file', () => {
    const out = setFrontMatterFields('---\na: 1\n---', { a: 2 });
    expect(out).toBe('---\na: 2\n---');
    expect(replaceBody(out, 'Body')).toBe('---\na: 2\n---\nBody');
  });

  it('moves a trailing comment to the key line when the value becomes a block', () => {
    const out = setFrontMatterFields("---\na: 'old' # note\nb: 1\n---\n", { a: 'two\nlines\n' });
    expect(out).toBe('---\na: | # note\n  two\n  lines\nb: 1\n---\n');
    expect(parsePostFile(out).data).toEqual({ a: 'two\nlines\n', b: 1 });
  });

  it('keeps multi-line strings exact', () => {
    const value = 'line one\n  indented\n\ntrailing spaces  \n';
    const out = setFrontMatterFields(post, { description: value });
    expect(parsePostFile(out).data.description).toBe(value);
  });

  it('throws on malformed front matter and leaves it to the user', () => {
    const broken = '---\ntitle: "unclosed\n---\nBody\n';
    expect(() => setFrontMatterFields(broken, { title: 'x' })).toThrow(FrontMatterInvalidError);
    try {
      setFrontMatterFields(broken, { title: 'x' });
    } catch (e) {
      expect((e as FrontMatterInvalidError).error.line).toBe(2);
    }
    expect(() => setFrontMatterFields('---\n- a\n---\n', { title: 'x' })).toThrow(FrontMatterInvalidError);
  });

  it('still edits unusual layouts correctly (flow mapping, indented mapping)', () => {
    expect(parsePostFile(setFrontMatterFields('---\n{a: 1, b: 2}\n---\nx', { a: 5, c: 3 })).data).toEqual({ a: 5, b: 2, c: 3 });
    const indented = setFrontMatterFields('---\n  a: 1\n  b:\n    - x\n---\n', { a: [1, 2], c: { d: 1 } });
    expect(parsePostFile(indented).data).toEqual({ a: [1, 2], b: ['x'], c: { d: 1 } });
  });
});

describe('replaceBody', () => {
  it('keeps the front matter block byte for byte, even when it is malformed', () => {
    const broken = '\uFEFF---\r\ntitle: "unclosed\r\n...  \r\nOld body\r\n';
    expect(replaceBody(broken, 'New body\r\n')).toBe('\uFEFF---\r\ntitle: "unclosed\r\n...  \r\nNew body\r\n');
  });

  it('replaces the whole text of a file without front matter, keeping its BOM', () => {
    expect(replaceBody('\uFEFFold', 'new')).toBe('\uFEFFnew');
  });
});
