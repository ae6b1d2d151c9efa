/// Where `@` completes citation keys and labels, and what each option says. Tier 1: an
/// EditorState with the app's markdown parser, no DOM.
import { CompletionContext } from '@codemirror/autocomplete';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { citationCompletion, type BibliographySource, type Reference } from '../../../renderer/editor/extensions/citations';
import { markdownSupport } from '../../../renderer/editor/extensions/markdown';
import { referenceOf } from '../../../renderer/src/science/reference';

const okafor = referenceOf({
  id: 'okafor2024',
  type: 'article-journal',
  author: [{ family: 'Okafor', given: 'Chidi' }, { family: 'Lindqvist', given: 'Maja' }],
  issued: { 'date-parts': [[2024]] },
  title: 'Soil moisture and the growth of radish seedlings',
  'container-title': 'Journal of Small Experiments',
  DOI: '10.5555/jse.2024.045',
});
const source: BibliographySource = { references: () => new Map<string, Reference>([[okafor.key, okafor]]), subscribe: () => () => {} };

/// Completes at the `|` in `doc`, as typing (not Ctrl+Space) would.
function completeAt(marked: string) {
  const pos = marked.indexOf('|');
  const doc = marked.replace('|', '');
  const created = EditorState.create({ doc, extensions: markdownSupport() });
  ensureSyntaxTree(created, created.doc.length, 5000);
  const state = created.update({}).state;
  return citationCompletion(source)(new CompletionContext(state, pos, false));
}

describe('sci-editor: citation completion', () => {
  it('offers the key with authors, year and title after [ or a space', () => {
    const result = completeAt('Watering matters [@ok|');
    expect(result?.options.map((option) => [option.label, option.detail, option.info])).toEqual([
      ['okafor2024', 'Okafor & Lindqvist, 2024', 'Soil moisture and the growth of radish seedlings'],
    ]);
    expect(completeAt('As @ok| found')?.options[0]?.label).toBe('okafor2024');
    expect(completeAt('[see @hart; @ok|]')?.options[0]?.label).toBe('okafor2024');
  });

  it('closes once a key is typed out in full, so Enter starts a new line', () => {
    expect(completeAt('As @okafor2024|')).toBeNull();
  });

  it('stays quiet in e-mail addresses, code, URLs and the front matter', () => {
    expect(completeAt('Write to maja@ok|')).toBeNull();
    expect(completeAt('Run `npm i [@ok|`')).toBeNull();
    expect(completeAt('```\n[@ok|\n```')).toBeNull();
    expect(completeAt('See https://example.org/@ok|')).toBeNull();
    expect(completeAt('---\ntitle: [@ok|\n---\nText')).toBeNull();
  });

  it('completes figure, table and equation labels defined in the post', () => {
    const result = completeAt('![Growth](g.png){#fig:growth}\n\n: Heights {#tbl:height}\n\nSee @fig:|');
    expect(result?.options.map((option) => option.label)).toEqual(['fig:growth']);
    expect(completeAt('See @tbl:| and {#tbl:height}')?.options.map((option) => option.label)).toEqual(['tbl:height']);
  });

  it('reads a reference for the hover from CSL-JSON', () => {
    expect(okafor).toEqual({
      key: 'okafor2024',
      authors: 'Okafor & Lindqvist',
      year: '2024',
      title: 'Soil moisture and the growth of radish seedlings',
      container: 'Journal of Small Experiments',
      doi: '10.5555/jse.2024.045',
    });
  });
});
