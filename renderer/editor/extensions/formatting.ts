/// The formatting shortcuts writers expect from any editor.
import { Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import {
  insertLink,
  setHeading,
  toggleBold,
  toggleBulletList,
  toggleInlineCode,
  toggleItalic,
  toggleQuote,
  toggleStrikethrough,
} from '../commands/format';

export function formattingKeymap(): Extension {
  return Prec.high(
    keymap.of([
      { key: 'Mod-b', run: toggleBold },
      { key: 'Mod-i', run: toggleItalic },
      { key: 'Mod-k', run: insertLink },
      { key: 'Mod-e', run: toggleInlineCode },
      { key: 'Mod-Shift-x', run: toggleStrikethrough },
      { key: 'Mod-Shift-.', run: toggleQuote },
      { key: 'Mod-Shift-8', run: toggleBulletList },
      { key: 'Mod-Alt-1', run: setHeading(1) },
      { key: 'Mod-Alt-2', run: setHeading(2) },
      { key: 'Mod-Alt-3', run: setHeading(3) },
      { key: 'Mod-Alt-4', run: setHeading(4) },
    ]),
  );
}
