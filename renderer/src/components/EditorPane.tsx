/// The React shell around the framework-free editor: the view is made once, callbacks are
/// kept in refs, and the parent drives it through an imperative handle.
import type { ChangeSet } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { htmlToMarkdown } from '../../../shared/html-to-markdown';
import { ImageType } from '../../../shared/api';
import { createEditor, type Editor, type WritingModes } from '../../editor/createEditor';
import { citations } from '../../editor/extensions/citations';
import { resolveImage } from '../../editor/extensions/live';
import { pasteAndDrop } from '../../editor/extensions/paste';
import type { TextSource } from '../document';
import { bibliographyStore, followFrontMatter } from '../science/bibliography-store';
import { spellingExtension, watchSpellingLanguage } from '../spell/editor-spelling';
import { assetUrl, studio } from '../studio';

export interface EditorHandle {
  open(id: string, text: string): void;
  replaceText(text: string): void;
  focus(): void;
  /// Scroll sync with the preview, in 0-based (fractional) lines of the whole file.
  onTopLineChange(listener: (line: number) => void): () => void;
  topLine(): number;
  scrollToLine(line: number): void;
  revealLine(line: number): void;
  setModes(modes: WritingModes): void;
  /// The CodeMirror view, for commands run from the palette and the formatting bar.
  view(): EditorView | null;
}

interface Props {
  /// Every change of the text, given as the editor's own document: reading it into a string
  /// costs a copy of the whole post, so the listener does that only when it needs to.
  /// `changes` lead from the editor's previous text to this one (the preview patches from them).
  onChange: (text: TextSource, changes: ChangeSet) => void;
  onError?: (message: string) => void;
  onSelectionChanged?: (selected: string) => void;
}

export const EditorPane = forwardRef<EditorHandle, Props>(function EditorPane({ onChange, onError, onSelectionChanged }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const postId = useRef<string | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  const onSelectionRef = useRef(onSelectionChanged);
  onSelectionRef.current = onSelectionChanged;
  // Kept here, not in the editor, so subscribers outlive a re-created editor.
  const topLineListeners = useRef(new Set<(line: number) => void>());

  useEffect(() => {
    if (!host.current) return;
    const paste = pasteAndDrop({
      saveImage: (file) => saveImage(postId.current, file),
      htmlToMarkdown,
      onError: (message) => onErrorRef.current?.(message),
    });
    const changes = EditorView.updateListener.of((update) => {
      if (update.docChanged) onChangeRef.current(update.state.doc, update.changes);
    });
    const bibliography = followFrontMatter(() => postId.current);
    const instance = createEditor({
      parent: host.current,
      onSelectionChanged: (selected) => onSelectionRef.current?.(selected),
      // Live mode's images load as the preview's do: files beside the open post.
      extensions: [paste, changes, spellingExtension(), citations(bibliographyStore), bibliography.extension, resolveImage.of((path) => (postId.current ? assetUrl(postId.current, path) : ''))],
    });
    editor.current = instance;
    const stopSpelling = watchSpellingLanguage(instance.view);
    const stopSync = instance.onTopLineChange((line) => topLineListeners.current.forEach((listener) => listener(line)));
    return () => {
      bibliography.stop();
      stopSync();
      stopSpelling();
      instance.destroy();
      editor.current = null;
    };
  }, []);

  useImperativeHandle(ref, () => ({
    open: (id, text) => {
      postId.current = id;
      editor.current?.open(id, text);
      bibliographyStore.follow(id, text);
    },
    replaceText: (text) => editor.current?.replaceText(text),
    focus: () => editor.current?.focus(),
    onTopLineChange: (listener) => {
      topLineListeners.current.add(listener);
      return () => void topLineListeners.current.delete(listener);
    },
    topLine: () => editor.current?.topLine() ?? 0,
    scrollToLine: (line) => editor.current?.scrollToLine(line),
    revealLine: (line) => editor.current?.revealLine(line),
    setModes: (modes) => editor.current?.setModes(modes),
    view: () => editor.current?.view ?? null,
  }));

  return <div className="editor-host" ref={host} data-testid="editor" />;
});

/// Images are stored beside the post; the markdown refers to them by file name.
async function saveImage(postId: string | null, file: File): Promise<{ file: string; alt: string }> {
  if (!postId) throw new Error('Open a post before adding images to it.');
  const type = ImageType.safeParse(file.type);
  if (!type.success) throw new Error(`“${file.name}” is a ${file.type || 'file'} that blogs cannot show; use PNG, JPEG, GIF, WebP, AVIF or SVG.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return studio.assets.add({ postId, name: file.name, type: type.data, data: toBase64(bytes) });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
