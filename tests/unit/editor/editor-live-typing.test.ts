/// Smart typing and auto-pairing as pure rules: what a keystroke becomes given the line.
import { describe, expect, it } from 'vitest';
import { pairAction } from '../../../renderer/editor/commands/pairs';
import { inInlineMath, smartReplacement } from '../../../renderer/editor/commands/smart-text';

/// Types `keys` one at a time through the smart rules, as the editor does.
function typeSmart(keys: string): string {
  let text = '';
  for (const key of keys) {
    const replacement = smartReplacement(text.slice(text.lastIndexOf('\n') + 1), key);
    text += key;
    if (replacement) text = text.slice(0, text.length - 1 - replacement.remove) + replacement.insert;
  }
  return text;
}

/// Types `keys` through the pairing rules; returns the line with `|` at the cursor.
function typePaired(keys: string): string {
  let before = '';
  let after = '';
  for (const key of keys) {
    const action = pairAction(before, after, key);
    if (action?.kind === 'step') {
      before += after[0];
      after = after.slice(1);
    } else {
      before += key;
      if (action?.kind === 'pair') after = action.close + after;
    }
  }
  return `${before}|${after}`;
}

describe('smart typing', () => {
  it('curls quotes by what comes before them', () => {
    expect(typeSmart('She said "it\'s low tide" and left.')).toBe('She said \u201cit\u2019s low tide\u201d and left.');
    expect(typeSmart("'Tis the ('best') pool")).toBe('\u2018Tis the (\u2018best\u2019) pool');
  });

  it('makes en and em dashes and the ellipsis', () => {
    expect(typeSmart('pages 3--5')).toBe('pages 3\u20135');
    expect(typeSmart('wait---what...')).toBe('wait\u2014what\u2026');
  });

  it('leaves rules, list markers, table delimiters and front matter fences alone', () => {
    expect(typeSmart('---')).toBe('---');
    expect(typeSmart('- item')).toBe('- item');
    expect(typeSmart('|---|---:|')).toBe('|---|---:|');
    expect(typeSmart('  - - -')).toBe('  - - -');
    expect(typeSmart('<!-- note -->')).toBe('<!-- note -->');
  });

  it('knows when the cursor is inside inline math', () => {
    expect(inInlineMath("so $f'")).toBe(true);
    expect(inInlineMath('costs $5 and')).toBe(true);
    expect(inInlineMath('so $x$ and')).toBe(false);
  });
});

describe('auto-pairing', () => {
  it('types bold as **…** and steps out of the closing marks', () => {
    expect(typePaired('a **bold**')).toBe('a **bold**|');
    expect(typePaired('a **bold')).toBe('a **bold|**');
    expect(typePaired('an *em* word')).toBe('an *em* word|');
  });

  it('closes brackets and backticks and steps over the closing one', () => {
    expect(typePaired('see [notes](url) and `code`')).toBe('see [notes](url) and `code`|');
    expect(typePaired('f(x')).toBe('f(x|)');
  });

  it('leaves list markers, fences, snake_case and arithmetic alone', () => {
    expect(typePaired('* item')).toBe('* item|');
    expect(typePaired('```python')).toBe('```python|');
    expect(typePaired('snake_case')).toBe('snake_case|');
    expect(typePaired('2*3')).toBe('2*3|');
  });

  it('does not open a pair in front of a word', () => {
    expect(pairAction('', 'word', '(')).toBeNull();
    expect(pairAction('', 'word', '*')).toBeNull();
  });
});
