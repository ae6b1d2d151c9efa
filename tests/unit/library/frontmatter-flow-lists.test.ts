/// Editing tags in Details keeps the list in the style the author wrote it: a flow list
/// (`tags: []`, `tags: [a, b]`) stays a flow list, a block list stays a block list.
import { describe, expect, it } from 'vitest';
import { parsePostFile, setFrontMatterFields } from '../../../shared/frontmatter';

describe('lists keep their style', () => {
  it('an empty flow list given tags stays on one line', () => {
    const text = '---\ntitle: Tide pools\ntags: []\nstatus: draft\n---\nBody\n';
    expect(setFrontMatterFields(text, { tags: ['biology', 'sea'] })).toBe('---\ntitle: Tide pools\ntags: [biology, sea]\nstatus: draft\n---\nBody\n');
  });

  it('a flow list with items stays a flow list, comments and other keys untouched', () => {
    const text = '---\ntitle: A\ntags: [a, b] # topics\ncategories: [x]\n---\nBody\n';
    const out = setFrontMatterFields(text, { tags: ['a', 'b', 'c'] });
    expect(out).toBe('---\ntitle: A\ntags: [a, b, c] # topics\ncategories: [x]\n---\nBody\n');
    expect(parsePostFile(out).data.tags).toEqual(['a', 'b', 'c']);
  });

  it('a block list stays a block list', () => {
    const text = '---\ntags:\n  - a\n---\n';
    expect(setFrontMatterFields(text, { tags: ['a', 'b'] })).toBe('---\ntags:\n  - a\n  - b\n---\n');
  });

  it('items that need quotes are quoted inside the flow list', () => {
    const text = '---\ntags: []\n---\n';
    const out = setFrontMatterFields(text, { tags: ['yes', 'a, b', 'x'] });
    expect(out.split('\n')[1]).toMatch(/^tags: \[/);
    expect(parsePostFile(out).data.tags).toEqual(['yes', 'a, b', 'x']);
  });
});
