/// Paste and drop: images become files in the post's folder plus a markdown image; rich text
/// from a web page or a word processor becomes markdown. Plain text pastes as it is.
import type { Extension } from '@codemirror/state';
import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

export interface PasteHandlers {
  /// Stores the image and returns its file name and a suggested alt text.
  saveImage(file: File): Promise<{ file: string; alt: string }>;
  htmlToMarkdown(html: string): string;
  onError(message: string): void;
}

const PLACEHOLDER_ALT = 'Describe the image';

export function pasteAndDrop(handlers: PasteHandlers): Extension {
  async function insertImages(view: EditorView, files: File[], at: number): Promise<void> {
    let pos = at;
    for (const file of files) {
      try {
        const saved = await handlers.saveImage(file);
        const alt = saved.alt || PLACEHOLDER_ALT;
        const before = pos > 0 && view.state.sliceDoc(pos - 1, pos) !== '\n' ? '\n\n' : '';
        const insert = `${before}![${alt}](${saved.file})\n`;
        const altFrom = pos + before.length + 2;
        view.dispatch({
          changes: { from: pos, insert },
          selection: EditorSelection.range(altFrom, altFrom + alt.length),
          userEvent: 'input.paste',
          scrollIntoView: true,
        });
        pos += insert.length;
      } catch (error) {
        handlers.onError(error instanceof Error ? error.message : String(error));
      }
    }
  }

  const images = (list: FileList | undefined | null) => [...(list ?? [])].filter((file) => file.type.startsWith('image/'));

  return EditorView.domEventHandlers({
    paste(event, view) {
      const data = event.clipboardData;
      const files = images(data?.files);
      if (files.length > 0) {
        event.preventDefault();
        const { from, to } = view.state.selection.main;
        if (to > from) view.dispatch({ changes: { from, to } });
        void insertImages(view, files, from);
        return true;
      }
      const html = data?.getData('text/html');
      if (html) {
        const markdown = handlers.htmlToMarkdown(html);
        if (!markdown) return false;
        event.preventDefault();
        view.dispatch(view.state.replaceSelection(markdown), { userEvent: 'input.paste', scrollIntoView: true });
        return true;
      }
      return false;
    },
    drop(event, view) {
      const files = images(event.dataTransfer?.files);
      if (files.length === 0) return false;
      event.preventDefault();
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
      void insertImages(view, files, pos);
      return true;
    },
  });
}
