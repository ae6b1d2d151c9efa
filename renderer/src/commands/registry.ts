/// Every command of the app in one list. The command palette shows them all, the formatting
/// bar shows those with a `bar` label, and a new feature (export, say) adds itself with
/// `registerCommand`. Editing commands come from the editor's own catalog with their keys.
import { EDITOR_COMMANDS } from '../../editor/commands/catalog';
import { createStore } from '../state/store';
import { creatingStore, dialogStore } from '../state/dialogs';
import { appearanceStore, detailsStore, layoutStore } from '../state/layout';
import { currentSession, editorRef } from '../state/session';
import { toggleWriting, WRITING_FONTS, writingStore } from '../state/writing';
import { EXPORT_LABELS, exportOpenPost, type ExportKind } from '../export/export-post';
import { setLibraryLanguage } from '../spell/editor-spelling';
import { doiDialogStore } from '../science/doi-dialog';
import { wordsDialogStore } from '../science/library-words';

const SPELLING: [string, string][] = [['en', 'English (US)'], ['en-gb', 'English (UK)'], ['es', 'Spanish'], ['fr', 'French'], ['de', 'German'], ['off', 'Off']];

export interface Command {
  id: string;
  title: string;
  /// The palette groups by this: Format, Insert, Post, View, Writing.
  group: string;
  /// CodeMirror key notation; shown beside the command.
  key?: string;
  /// Short label for the formatting bar; commands without one stay off the bar.
  bar?: string;
  /// For a setting that is switched on and off: whether it is on now.
  on?: () => boolean;
  run(): void;
}

/// Runs an editing command on the open post and gives the text the focus back.
function inEditor(run: (typeof EDITOR_COMMANDS)[number]['run']): () => void {
  return () => {
    const view = editorRef.current?.view();
    if (!view) return;
    run(view);
    view.focus();
  };
}

const BAR: Record<string, string> = {
  'format.bold': 'B',
  'format.italic': 'I',
  'format.heading2': 'H',
  'format.link': 'Link',
  'format.bullets': 'List',
  'format.quote': 'Quote',
  'format.code': 'Code',
  'insert.table': 'Table',
};

const editorCommands: Command[] = EDITOR_COMMANDS.map((command) => ({
  id: command.id,
  title: command.title,
  group: command.id.startsWith('insert.') ? 'Insert' : 'Format',
  key: command.key,
  bar: BAR[command.id],
  run: inEditor(command.run),
}));

const appCommands: Command[] = [
  { id: 'post.new', title: 'New post', group: 'Post', run: () => creatingStore.set(true) },
  { id: 'post.save', title: 'Save', group: 'Post', key: 'Mod-s', run: () => void currentSession()?.save() },
  { id: 'post.publish', title: 'Publish…', group: 'Post', run: () => dialogStore.set('publish') },
  { id: 'post.history', title: 'History…', group: 'Post', run: () => dialogStore.set('history') },
  { id: 'insert.doi', title: 'Add a source by DOI…', group: 'Insert', run: () => doiDialogStore.set(true) },
  { id: 'post.details', title: 'Show or hide details', group: 'Post', run: () => detailsStore.set((now) => !now) },
  { id: 'view.write', title: 'Layout: write', group: 'View', run: () => layoutStore.set('editor') },
  { id: 'view.split', title: 'Layout: split', group: 'View', run: () => layoutStore.set('split') },
  { id: 'view.preview', title: 'Layout: preview', group: 'View', run: () => layoutStore.set('preview') },
  { id: 'view.toggle-preview', title: 'Toggle preview', group: 'View', key: 'Mod-Alt-p', run: () => layoutStore.set((now) => (now === 'editor' ? 'split' : 'editor')) },
  { id: 'view.focus', title: 'Focus mode', group: 'View', key: 'Mod-Shift-f', on: () => appearanceStore.get().focus, run: () => appearanceStore.set((now) => ({ ...now, focus: !now.focus })) },
  { id: 'view.typewriter', title: 'Typewriter scrolling', group: 'View', on: () => appearanceStore.get().typewriter, run: () => appearanceStore.set((now) => ({ ...now, typewriter: !now.typewriter })) },
  { id: 'view.theme-light', title: 'Theme: light', group: 'View', run: () => appearanceStore.set((now) => ({ ...now, theme: 'light' })) },
  { id: 'view.theme-dark', title: 'Theme: dark', group: 'View', run: () => appearanceStore.set((now) => ({ ...now, theme: 'dark' })) },
  { id: 'view.theme-auto', title: 'Theme: follow the system', group: 'View', run: () => appearanceStore.set((now) => ({ ...now, theme: 'system' })) },
  { id: 'writing.live', title: 'Live mode (hide marks, draw images, math and tables)', group: 'Writing', on: () => writingStore.get().live, run: () => toggleWriting('live') },
  { id: 'writing.smart', title: 'Smart quotes and dashes', group: 'Writing', on: () => writingStore.get().smartTyping, run: () => toggleWriting('smartTyping') },
  { id: 'writing.pairs', title: 'Auto-pair brackets and marks', group: 'Writing', on: () => writingStore.get().autoPair, run: () => toggleWriting('autoPair') },
  { id: 'writing.format-bar', title: 'Formatting bar', group: 'Writing', on: () => writingStore.get().formatBar, run: () => toggleWriting('formatBar') },
  { id: 'writing.science-words', title: 'Words for figures and tables (Figure, Table, Equation, References)…', group: 'Writing', run: () => wordsDialogStore.set(true) },
  ...(['html', 'docx', 'pdf'] as ExportKind[]).map((kind) => ({ id: `post.export-${kind}`, title: EXPORT_LABELS[kind], group: 'Post', run: () => void exportOpenPost(kind) })),
  ...SPELLING.map(([lang, label]) => ({ id: `writing.spelling-${lang}`, title: `Spelling: ${label}`, group: 'Writing', run: () => setLibraryLanguage(lang) })),
  ...WRITING_FONTS.map((font) => ({ id: `writing.font-${font.id}`, title: `Font: ${font.label}`, group: 'Writing', run: () => writingStore.set((now) => ({ ...now, font: font.id })) })),
];

const extra: Command[] = [];
export const commandsChanged = createStore(0);

/// Adds a command (or replaces one with the same id) to the palette.
export function registerCommand(command: Command): () => void {
  const at = extra.findIndex((known) => known.id === command.id);
  if (at >= 0) extra.splice(at, 1, command);
  else extra.push(command);
  commandsChanged.set((n) => n + 1);
  return () => {
    const index = extra.indexOf(command);
    if (index >= 0) extra.splice(index, 1);
    commandsChanged.set((n) => n + 1);
  };
}

export function allCommands(): Command[] {
  return [...editorCommands, ...appCommands, ...extra];
}

export const barCommands = (): Command[] => editorCommands.filter((command) => command.bar);
