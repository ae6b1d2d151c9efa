/// Every editing command with its name and key, in one list: the editor's keymap is built
/// from it, and the app's command registry (palette, formatting bar) reads it.
import type { StateCommand } from '@codemirror/state';
import { insertTable } from '../extensions/table';
import { insertLink, setHeading, toggleBold, toggleBulletList, toggleInlineCode, toggleItalic, toggleLinePrefix, toggleQuote, toggleStrikethrough } from './format';

export interface EditorCommand {
  id: string;
  title: string;
  /// CodeMirror key notation ('Mod-b'); shown in the palette and menus.
  key?: string;
  run: StateCommand;
}

export const EDITOR_COMMANDS: EditorCommand[] = [
  { id: 'format.bold', title: 'Bold', key: 'Mod-b', run: toggleBold },
  { id: 'format.italic', title: 'Italic', key: 'Mod-i', run: toggleItalic },
  { id: 'format.code', title: 'Inline code', key: 'Mod-e', run: toggleInlineCode },
  { id: 'format.strikethrough', title: 'Strikethrough', key: 'Mod-Shift-x', run: toggleStrikethrough },
  // Ctrl+K opens the command palette, as in most apps that have one; the link moves to Shift.
  { id: 'format.link', title: 'Link', key: 'Mod-Shift-k', run: insertLink },
  { id: 'format.heading1', title: 'Heading 1', key: 'Mod-Alt-1', run: setHeading(1) },
  { id: 'format.heading2', title: 'Heading 2', key: 'Mod-Alt-2', run: setHeading(2) },
  { id: 'format.heading3', title: 'Heading 3', key: 'Mod-Alt-3', run: setHeading(3) },
  { id: 'format.heading4', title: 'Heading 4', key: 'Mod-Alt-4', run: setHeading(4) },
  { id: 'format.bullets', title: 'Bulleted list', key: 'Mod-Shift-8', run: toggleBulletList },
  { id: 'format.numbers', title: 'Numbered list', key: 'Mod-Shift-7', run: toggleLinePrefix('1. ') },
  { id: 'format.tasks', title: 'Task list', key: 'Mod-Shift-9', run: toggleLinePrefix('- [ ] ') },
  { id: 'format.quote', title: 'Quote', key: 'Mod-Shift-.', run: toggleQuote },
  { id: 'insert.table', title: 'Insert table', key: 'Mod-Alt-t', run: insertTable },
];
