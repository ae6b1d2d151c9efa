/// Composes the window. State lives in small stores (state/), each read by the component
/// that shows it, so a keystroke re-renders nothing here: the editor paints the key, the
/// preview follows in the next frame, and titles and counts catch up when typing pauses.
import { useCallback, useEffect, useRef, type CSSProperties } from 'react';
import type { AppCommand } from '../../shared/api';
import './styles/editor-writing.css';
import { Banners } from './components/Banners';
import { DetailsPanel } from './components/DetailsPanel';
import { CommandPalette } from './components/CommandPalette';
import { Dialogs } from './components/Dialogs';
import { EditorPane, type EditorHandle } from './components/EditorPane';
import { FormatBar } from './components/FormatBar';
import { LivePreview } from './components/LivePreview';
import { Sidebar } from './components/Sidebar';
import { SplitDivider } from './components/SplitDivider';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import type { ChangeSet } from '@codemirror/state';
import type { TextSource } from './document';
import { creatingStore, fail, problemStore } from './state/dialogs';
import { appearanceStore, detailsStore, layoutStore, splitStore, useShownLayout } from './state/layout';
import { followPublishing } from './state/publishing';
import { selectionStore } from './state/selection';
import { currentSession, editorRef, followOutsideChanges, lastOpenedStore, loadLibrary, useOpenPostId } from './state/session';
import { useStore } from './state/store';
import { useWritingSurface } from './state/writing';
import { host, studio } from './studio';
import { useAppearance } from './useAppearance';
import { useDocumentText } from './useDocument';

const edit = (text: TextSource, changes: ChangeSet) => currentSession()?.edit(text, changes);
const showProblem = (message: string) => problemStore.set(message);
const select = (selected: string) => selectionStore.set(selected);
const replaceText = (text: string) => editorRef.current?.replaceText(text);

function runCommand(command: AppCommand): void {
  if (command === 'save') void currentSession()?.save();
  if (command === 'new-post') creatingStore.set(true);
  if (command === 'toggle-preview') layoutStore.set((now) => (now === 'editor' ? 'split' : 'editor'));
  if (command === 'toggle-focus') appearanceStore.set((now) => ({ ...now, focus: !now.focus }));
  if (command === 'save-and-close') void (currentSession()?.save() ?? Promise.resolve()).finally(() => window.close());
}

export function App() {
  const editor = useRef<EditorHandle>(null);
  const attachEditor = useCallback((handle: EditorHandle | null) => {
    editor.current = handle;
    editorRef.current = handle;
  }, []);
  const layout = useShownLayout();
  const focus = useStore(appearanceStore, (appearance) => appearance.focus);
  const typewriter = useStore(appearanceStore, (appearance) => appearance.typewriter);
  const showDetails = useStore(detailsStore);
  const split = useStore(splitStore);
  const openId = useOpenPostId();
  useAppearance();
  const { live, smartTyping, autoPair } = useWritingSurface();
  useEffect(() => editor.current?.setModes({ focus, typewriter, live, smartTyping, autoPair }), [focus, typewriter, live, smartTyping, autoPair, openId]);

  useEffect(() => {
    loadLibrary(lastOpenedStore.get()).catch(fail);
  }, []);
  useEffect(() => followOutsideChanges(), []);
  useEffect(() => followPublishing(), []);
  useEffect(() => studio.on('app.command', ({ command }) => runCommand(command)), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        runCommand('save');
      } else if (mod && event.altKey && event.code === 'KeyP') {
        event.preventDefault();
        runCommand('toggle-preview');
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        runCommand('toggle-focus');
      }
    };
    const saveNow = () => void currentSession()?.save();
    // The desktop app saves through 'save-and-close' instead; a prevented unload there would
    // silently keep the window open.
    const onLeave = (event: BeforeUnloadEvent) => {
      if (host === 'electron' || !currentSession()?.dirty) return;
      saveNow();
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('blur', saveNow);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('blur', saveNow);
      window.removeEventListener('beforeunload', onLeave);
    };
  }, []);

  return (
    <div className={`app layout-${layout}${focus ? ' focus-mode' : ''}`}>
      <Sidebar />
      <main className="workspace">
        <Toolbar />
        <FormatBar />
        <Banners />
        {showDetails && openId !== null && <Details />}
        <div className="panes" style={{ '--split': split } as CSSProperties}>
          <section className="pane editor-pane" aria-label="Editor">
            <EditorPane ref={attachEditor} onChange={edit} onError={showProblem} onSelectionChanged={select} />
          </section>
          {layout === 'split' && <SplitDivider ratio={split} onChange={splitStore.set} />}
          <section className="pane preview-pane" aria-label="Preview">
            <LivePreview editor={editor} />
          </section>
        </div>
        <StatusBar />
      </main>
      <Dialogs />
      <CommandPalette />
    </div>
  );
}

function Details() {
  const text = useDocumentText();
  return text === null ? null : <DetailsPanel text={text} onChange={replaceText} />;
}
