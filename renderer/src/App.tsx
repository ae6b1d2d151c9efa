import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties } from 'react';
import type { AppCommand, Backup, LibraryInfo, PostSummary, Revision } from '../../shared/api';
import { parsePostFile } from '../../shared/frontmatter';
import { outlineOf } from '../../shared/outline';
import { summarizePost } from '../../shared/post';
import { textStats } from '../../shared/text-stats';
import { AppearanceMenu } from './components/AppearanceMenu';
import { DetailsPanel } from './components/DetailsPanel';
import { EditorPane, type EditorHandle } from './components/EditorPane';
import { HistoryDialog } from './components/HistoryDialog';
import { ImportDialog } from './components/ImportDialog';
import { PublishDialog } from './components/PublishDialog';
import { PublishState } from './components/PublishState';
import { Preview, type PreviewHandle } from './components/Preview';
import { RecoverDialog } from './components/RecoverDialog';
import { SaveState } from './components/SaveState';
import { SplitDivider } from './components/SplitDivider';
import { Sidebar } from './components/Sidebar';
import { TargetsDialog } from './components/TargetsDialog';
import { TrashDialog } from './components/TrashDialog';
import { DocumentSession, type DocumentSnapshot } from './document';
import { host, studio } from './studio';
import { useAppearance } from './useAppearance';
import { usePostBrowser } from './usePostBrowser';
import { useStoredState } from './useStoredState';

type Layout = 'split' | 'editor' | 'preview';
type Dialog = 'history' | 'trash' | 'publish' | 'targets' | 'import' | null;
const LAYOUTS: Layout[] = ['editor', 'split', 'preview'];
const noSession = { subscribe: () => () => undefined, getSnapshot: () => null };

export function App() {
  const [library, setLibrary] = useState<LibraryInfo | null>(null);
  const [previewCss, setPreviewCss] = useState<string | null>(null);
  const [posts, setPosts] = useState<PostSummary[]>([]);
  const [session, setSession] = useState<DocumentSession | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; undo?: () => void } | null>(null);
  const [layout, setLayout] = useStoredState<Layout>('postwright.layout', 'split');
  const [lastOpened, setLastOpened] = useStoredState<string | null>('postwright.lastOpened', null);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [backups, setBackups] = useState<Backup[]>([]);
  const [showDetails, setShowDetails] = useStoredState('postwright.details', false);
  const [split, setSplit] = useStoredState('postwright.split', 0.5);
  const [sidebarTab, setSidebarTab] = useStoredState<'posts' | 'outline'>('postwright.sidebarTab', 'posts');
  const editor = useRef<EditorHandle>(null);
  const preview = useRef<PreviewHandle>(null);
  const sessionRef = useRef<DocumentSession | null>(null);
  sessionRef.current = session;
  /// The post asked for last: a slower earlier request must not replace it when it lands.
  const wanted = useRef<string | null>(null);
  const browser = usePostBrowser(posts);
  const { appearance, setAppearance, previewTheme, previewScale } = useAppearance();
  useEffect(() => editor.current?.setModes({ focus: appearance.focus, typewriter: appearance.typewriter }), [appearance.focus, appearance.typewriter, session]);

  const source = session ?? noSession;
  const doc: DocumentSnapshot | null = useSyncExternalStore(source.subscribe, source.getSnapshot);

  const fail = useCallback((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)), []);

  const refreshList = useCallback(async () => {
    try {
      setPosts(await studio.posts.list());
    } catch (error) {
      fail(error);
    }
  }, [fail]);

  /// Shows a post; `text` overrides what is on disk (recovered unsaved text).
  const openPost = useCallback(
    async (id: string, recovered?: string) => {
      const current = sessionRef.current;
      if (current?.id === id && recovered === undefined) return;
      wanted.current = id;
      if (current?.dirty) await current.save();
      try {
        const post = await studio.posts.get(id);
        if (wanted.current !== id) return;
        sessionRef.current?.dispose();
        const next = new DocumentSession(studio, id, post.text, post.hash, () => void refreshList());
        editor.current?.open(id, recovered ?? post.text);
        if (recovered !== undefined) next.edit(recovered);
        sessionRef.current = next;
        setSession(next);
        setLastOpened(id);
        setProblem(null);
      } catch (error) {
        fail(error);
      }
    },
    [fail, refreshList, setLastOpened],
  );

  const loadLibrary = useCallback(
    async (preferred: string | null) => {
      const [info, list, found] = await Promise.all([studio.library.info(), studio.posts.list(), studio.backups.list()]);
      setLibrary(info);
      setPosts(list);
      setPreviewCss(await studio.library.previewCss().catch(() => null));
      const unsaved = [];
      for (const backup of found) {
        const onDisk = await studio.posts.get(backup.postId).catch(() => null);
        if (onDisk?.text === backup.text) await studio.backups.discard(backup.postId);
        else unsaved.push(backup);
      }
      setBackups(unsaved);
      const first = list.find((post) => post.id === preferred) ?? list[0];
      // The writer may already have clicked a post while the library loaded: theirs wins.
      if (first && wanted.current === null) await openPost(first.id);
    },
    [openPost],
  );

  useEffect(() => {
    loadLibrary(lastOpened).catch(fail);
    // Runs once at start-up; lastOpened is read only then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(
    () =>
      studio.on('posts.changed', (change) => {
        void refreshList();
        const current = sessionRef.current;
        if (change.id !== null && current?.id === change.id) {
          void current.outsideChange(change.hash).then((outcome) => {
            if (outcome === 'reloaded') editor.current?.open(current.id, current.currentText());
          }, fail);
        }
      }),
    [refreshList, fail],
  );

  const switchLibrary = useCallback(
    async (root: string) => {
      await sessionRef.current?.save();
      await studio.library.open(root);
      sessionRef.current?.dispose();
      setSession(null);
      wanted.current = null;
      await loadLibrary(null);
    },
    [loadLibrary],
  );

  const createPost = useCallback(
    async (title: string) => {
      const post = await studio.posts.create({ title });
      setCreating(false);
      await refreshList();
      await openPost(post.summary.id);
      editor.current?.focus();
    },
    [openPost, refreshList],
  );

  const deletePost = useCallback(async () => {
    const current = sessionRef.current;
    if (!current) return;
    await current.save();
    const trashed = await studio.posts.delete(current.id);
    current.dispose();
    setSession(null);
    const list = await studio.posts.list();
    setPosts(list);
    if (list[0]) await openPost(list[0].id);
    setNotice({
      text: `“${trashed.title}” moved to the trash.`,
      undo: () => {
        void studio.trash.restore(trashed.trashId).then(async (summary) => {
          setNotice(null);
          await refreshList();
          await openPost(summary.id);
        }, fail);
      },
    });
  }, [fail, openPost, refreshList]);

  const restoreRevision = useCallback(
    async (revision: Revision) => {
      const current = sessionRef.current;
      if (!current) return;
      await current.save();
      await studio.revisions.restore(current.id, revision.id);
      const post = await studio.posts.get(current.id);
      current.adopt(post);
      editor.current?.replaceText(post.text);
      setDialog(null);
      setNotice({ text: `Restored the version from ${new Date(revision.at).toLocaleString()}. The text before it is kept in History.` });
    },
    [],
  );

  const runCommand = useCallback(
    (command: AppCommand) => {
      if (command === 'save') void sessionRef.current?.save();
      if (command === 'new-post') setCreating(true);
      if (command === 'toggle-preview') setLayout((now) => (now === 'editor' ? 'split' : 'editor'));
      if (command === 'toggle-focus') setAppearance((now) => ({ ...now, focus: !now.focus }));
      if (command === 'save-and-close') void (sessionRef.current?.save() ?? Promise.resolve()).finally(() => window.close());
    },
    [setLayout, setAppearance],
  );

  useEffect(() => studio.on('app.command', ({ command }) => runCommand(command)), [runCommand]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        runCommand('save');
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        runCommand('toggle-preview');
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        runCommand('toggle-focus');
      }
    };
    const saveNow = () => void sessionRef.current?.save();
    // The desktop app saves through 'save-and-close' instead; a prevented unload there would
    // silently keep the window open.
    const onLeave = (event: BeforeUnloadEvent) => {
      if (host === 'electron' || !sessionRef.current?.dirty) return;
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
  }, [runCommand]);

  const takeTheirs = useCallback(async () => {
    const current = sessionRef.current;
    if (!current) return;
    const post = await studio.posts.get(current.id);
    current.adopt(post);
    editor.current?.replaceText(post.text);
  }, []);

  // Counting 50,000 words takes milliseconds: let typing go first. The title is cheap and
  // must follow a switch of post at once.
  const deferredText = useDeferredValue(doc?.text ?? null);
  const docId = doc?.id ?? null;
  const docText = doc?.text ?? null;
  const summary = useMemo(() => (docId === null || docText === null ? null : summarizePost(docId, docText, 0)), [docId, docText]);
  const stats = useMemo(() => (deferredText === null ? null : textStats(parsePostFile(deferredText).body)), [deferredText]);
  const live = summary && stats ? { summary, stats } : null;
  const selectedStats = useMemo(() => (selected ? textStats(selected) : null), [selected]);
  const outlineText = sidebarTab === 'outline' ? (deferredText ?? '') : '';
  const outline = useMemo(() => (outlineText ? outlineOf(outlineText) : []), [outlineText]);
  const selectPost = useCallback((id: string) => void openPost(id), [openPost]);
  const showTrash = useCallback(() => setDialog('trash'), []);
  const showImport = useCallback(() => setDialog('import'), []);
  const jumpToLine = useCallback((line: number) => {
    editor.current?.revealLine(line);
    preview.current?.revealLine(line);
  }, []);
  const titles = useMemo(() => new Map(posts.map((post) => [post.id, post.title])), [posts]);

  return (
    <div className={`app layout-${appearance.focus ? 'editor' : layout}${appearance.focus ? ' focus-mode' : ''}`}>
      <Sidebar
        library={library}
        browser={browser}
        posts={posts}
        selectedId={doc?.id ?? null}
        dirtyId={doc?.dirty ? doc.id : null}
        creating={creating}
        onCreating={setCreating}
        onCreate={createPost}
        onSelect={selectPost}
        onOpenLibrary={switchLibrary}
        onShowTrash={showTrash}
        onImport={showImport}
        tab={sidebarTab}
        onTab={setSidebarTab}
        outline={outline}
        onJump={jumpToLine}
      />
      <main className="workspace">
        <div className="toolbar">
          <div className="toolbar-title">{summary?.title ?? 'No post open'}</div>
          {doc && <PublishState postId={doc.id} version={`${doc.savedAt}-${dialog}`} />}
          {doc && <SaveState doc={doc} onRetry={() => void session?.save()} />}
          {doc && (
            <div className="toolbar-actions">
              <button type="button" className="button" aria-pressed={showDetails} onClick={() => setShowDetails(!showDetails)}>
                Details
              </button>
              <button type="button" className="button" onClick={() => setDialog('history')}>
                History
              </button>
              <button type="button" className="button" onClick={() => void deletePost().catch(fail)}>
                Delete
              </button>
              <button type="button" className="button primary" onClick={() => setDialog('publish')}>
                Publish
              </button>
            </div>
          )}
          <AppearanceMenu appearance={appearance} onChange={setAppearance} />
          <div className="segmented" role="group" aria-label="Layout">
            {LAYOUTS.map((value) => (
              <button key={value} type="button" aria-pressed={layout === value} onClick={() => setLayout(value)}>
                {value === 'editor' ? 'Write' : value === 'split' ? 'Split' : 'Preview'}
              </button>
            ))}
          </div>
        </div>
        {problem && (
          <div className="banner error" role="alert">
            <span>{problem}</span>
            <button type="button" className="button" onClick={() => setProblem(null)}>
              Dismiss
            </button>
          </div>
        )}
        {notice && (
          <div className="banner info" role="status" data-testid="notice">
            <span>{notice.text}</span>
            {notice.undo && (
              <button type="button" className="button" onClick={notice.undo}>
                Undo
              </button>
            )}
            <button type="button" className="button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        {summary?.problem && (
          <div className="banner warning" role="alert" data-testid="frontmatter-problem">
            <span>{summary.problem}. The text is safe; Postwright will not change the front matter until it is fixed.</span>
          </div>
        )}
        {doc?.conflict && (
          <div className="banner warning" role="alert" data-testid="conflict">
            <span>This post was changed outside Postwright while you were editing it. Your text is safe in the editor.</span>
            <button type="button" className="button" onClick={() => void session?.save({ overwrite: true })}>
              Keep mine
            </button>
            <button type="button" className="button" onClick={() => void takeTheirs().catch(fail)}>
              Take theirs
            </button>
          </div>
        )}
        {showDetails && doc && <DetailsPanel text={doc.text} onChange={(text) => editor.current?.replaceText(text)} />}
        <div className="panes" style={{ '--split': split } as CSSProperties}>
          <section className="pane editor-pane" aria-label="Editor">
            <EditorPane ref={editor} onChange={(text) => sessionRef.current?.edit(text)} onError={setProblem} onSelectionChanged={setSelected} />
          </section>
          {layout === 'split' && <SplitDivider ratio={split} onChange={setSplit} />}
          <section className="pane preview-pane" aria-label="Preview">
            {doc && <Preview ref={preview} id={doc.id} text={doc.text} blogName={library?.name ?? ''} libraryCss={previewCss} theme={previewTheme} textScale={previewScale} syncScrollWith={editor} />}
          </section>
        </div>
        <footer className="statusbar">
          {live && (
            <>
              <span data-testid="word-count">{live.stats.words.toLocaleString()} words</span>
              <span>{live.stats.characters.toLocaleString()} characters</span>
              <span>{live.stats.minutes} min read</span>
              {selectedStats && (
                <span data-testid="selection-count">
                  {selectedStats.words.toLocaleString()} words, {selectedStats.characters.toLocaleString()} characters selected
                </span>
              )}
            </>
          )}
          <span className="statusbar-path">{library?.root}</span>
        </footer>
      </main>
      {dialog === 'history' && doc && (
        <HistoryDialog postId={doc.id} currentText={doc.text} onRestore={(revision) => restoreRevision(revision).catch(fail)} onClose={() => setDialog(null)} />
      )}
      {dialog === 'publish' && doc && (
        <PublishDialog
          postId={doc.id}
          text={doc.text}
          save={() => session?.save() ?? Promise.resolve()}
          onChangeText={(text) => editor.current?.replaceText(text)}
          onManageTargets={() => setDialog('targets')}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'targets' && <TargetsDialog onClose={() => setDialog(doc ? 'publish' : null)} onChanged={() => undefined} />}
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} />}
      {dialog === 'trash' && (
        <TrashDialog
          onClose={() => setDialog(null)}
          onRestored={(id) => {
            setDialog(null);
            void refreshList().then(() => openPost(id));
          }}
        />
      )}
      {backups.length > 0 && (
        <RecoverDialog
          backups={backups}
          titles={titles}
          onClose={() => setBackups([])}
          onDiscard={(backup) => {
            void studio.backups.discard(backup.postId);
            setBackups((list) => list.filter((item) => item !== backup));
          }}
          onRecover={(backup) => {
            setBackups((list) => list.filter((item) => item !== backup));
            void openPost(backup.postId, backup.text);
          }}
        />
      )}
    </div>
  );
}
