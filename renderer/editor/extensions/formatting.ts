/// The formatting shortcuts writers expect from any editor, from the one command list.
import { Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { EDITOR_COMMANDS } from '../commands/catalog';

export function formattingKeymap(): Extension {
  return Prec.high(keymap.of(EDITOR_COMMANDS.filter((command) => command.key).map((command) => ({ key: command.key, run: command.run }))));
}
