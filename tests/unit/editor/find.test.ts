/// The find panel's "3 of 12" on a bare EditorState.
import { SearchQuery } from '@codemirror/search';
import { EditorSelection, EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { countMatches, describeCount } from '../../../renderer/editor/extensions/find';

const TEXT = 'A crab walks. The crab hides. Every Crab molts.';

function label(search: string, selection = EditorSelection.cursor(0), options: Partial<{ caseSensitive: boolean; regexp: boolean }> = {}): string {
  const state = EditorState.create({ doc: TEXT, selection });
  const query = new SearchQuery({ search, ...options });
  return describeCount(countMatches(state, query), query);
}

describe('find match count', () => {
  it('says which match is selected and how many there are', () => {
    const second = TEXT.indexOf('crab', 5);
    expect(label('crab', EditorSelection.range(second, second + 4))).toBe('2 of 3');
    expect(label('crab')).toBe('3 matches');
    expect(label('crab', EditorSelection.cursor(0), { caseSensitive: true })).toBe('2 matches');
    expect(label('molts')).toBe('1 match');
  });

  it('says plainly when nothing matches or the pattern is broken', () => {
    expect(label('lobster')).toBe('No matches');
    expect(label('(', EditorSelection.cursor(0), { regexp: true })).toBe('Not a valid pattern');
    expect(label('')).toBe('');
  });
});
