/// The React shell around the framework-free editor: the view is made once, callbacks are
/// kept in refs, and the parent drives it through an imperative handle.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { createEditor, type Editor } from '../../editor/createEditor';

export interface EditorHandle {
  open(id: string, text: string): void;
  replaceText(text: string): void;
  focus(): void;
}

interface Props {
  onChange: (text: string) => void;
}

export const EditorPane = forwardRef<EditorHandle, Props>(function EditorPane({ onChange }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const instance = createEditor({ parent: host.current, onDocChanged: (text) => onChangeRef.current(text) });
    editor.current = instance;
    return () => {
      instance.destroy();
      editor.current = null;
    };
  }, []);

  useImperativeHandle(ref, () => ({
    open: (id, text) => editor.current?.open(id, text),
    replaceText: (text) => editor.current?.replaceText(text),
    focus: () => editor.current?.focus(),
  }));

  return <div className="editor-host" ref={host} data-testid="editor" />;
});
