/// What auto-pairing does with a keystroke, as a pure function of the characters around the
/// cursor: type the closing mark too, step over one already there, or leave the key alone.

export const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}', '`': '`', '*': '*', _: '_' };
const CLOSERS = new Set([')', ']', '}']);
const SYMMETRIC = new Set(['`', '*', '_']);

export type PairAction = { kind: 'pair'; close: string } | { kind: 'step' } | null;

/// `before`: the line up to the cursor; `after`: the line from the cursor on.
export function pairAction(before: string, after: string, typed: string): PairAction {
  const next = after.charAt(0);
  const prev = before.charAt(before.length - 1);
  if (CLOSERS.has(typed)) return next === typed ? { kind: 'step' } : null;
  const close = CLOSING[typed];
  if (close === undefined) return null;
  // Pairs open only before a space, the end of the line or a closing mark: never in a word.
  const roomAfter = next === '' || /[\s)\]}.,;:!?]/.test(next) || (SYMMETRIC.has(typed) && next === typed);
  if (!SYMMETRIC.has(typed)) return roomAfter ? { kind: 'pair', close } : null;
  const lineStart = before.trim() === '';
  if (next === typed) {
    // `*|*` typed `*` again is bold being started: `**|**`; after text it closes the pair.
    const opening = before.replace(/\*+$/, '');
    if (typed === '*' && prev === '*' && opening.trim() !== '' && /\s$/.test(opening)) return { kind: 'pair', close };
    return { kind: 'step' };
  }
  if (!roomAfter) return null;
  // `* ` starts a list and ``` a fence; `snake_case` and `2*3` are not emphasis.
  if (typed === '*' && lineStart) return null;
  if (typed === '`' && (lineStart || prev === '`')) return null;
  if (prev !== '' && !/[\s([{"'\u201c\u2018]/.test(prev)) return null;
  return { kind: 'pair', close };
}
