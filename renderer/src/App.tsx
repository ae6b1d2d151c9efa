import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AppCommand, LibraryInfo, PostSummary } from '../../shared/api';
import { parsePostFile } from '../../shared/frontmatter';
import { textStats } from '../../shared/text-stats';
import { EditorPane, type EditorHandle } from './components/EditorPane';
import { NewPostForm } from './components/NewPostForm';
import { PostList } from './components/PostList';
import { Preview } from './components/Preview';
import { SaveState } from './components/SaveState';
import { DocumentSession, type DocumentSnapshot } from './document';
import { studio } from './studio';
import { useStoredState } from './useStoredState';

type Layout = 'split' | 'editor' | 'preview';
const LAYOUTS: Layout[] = ['editor', 'split', 'preview'];
const noSession = { subscribe: () => () => undefined, getSnapshot: () => null };

export function App() {
  const [library, setLibrary] = useState<LibraryInfo | null>(null);
  const [posts, setPosts] = useState<PostSummary[]>([]);
  const [query, setQuery] = useState('');
  const [session, setSession] = useState<DocumentSession | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [layout, setLayout] = useStoredState<Layout>('postwright.layout', 'split');
  const [lastOpened, setLastOpened] = useStoredState<string | null>('postwright.lastOpened', null);
  const [creating, setCreating] = useState(false);
  const editor = useRef<EditorHandle>(null);
  const sessionRef = useRef<DocumentSession | null>(null);
  sessionRef.current = session;

  const source = session ?? noSession;
  const doc: DocumentSnapshot | null = useSyncExternalStore(source.subscribe, source.getSnapshot);

  const refreshList = useCallback(async () => {
    try {
      setPosts(await studio.posts.list());
    } catch (error) {
      setProblem(messageOf(error));
    }
  }, []);

  const openPost = useCallback(
    async (id: string) => {
      const current = sessionRef.current;
      if (current?.id === id) return;
      if (current?.dirty) await current.save();
      try {
        const post = await studio.posts.get(id);
        current?.dispose();
        const next = new DocumentSession(studio, id, post.text, post.hash, () => void refreshList());
        editor.current?.open(id, post.text);
        setSession(next);
        setLastOpened(id);
        setProblem(null);
      } catch (error) {
        setProblem(messageOf(error));
      }
    },
    [refreshList, setLastOpened],
  );

  useEffect(() => {
    void (async () => {
      try {
        const [info, list] = await Promise.all([studio.library.info(), studio.posts.list()]);
        setLibrary(info);
        setPosts(list);
        const first = list.find((post) => post.id === lastOpened) ?? list[0];
        if (first) await openPost(first.id);
      } catch (error) {
        setProblem(messageOf(error));
      }
    })();
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
          });
        }
      }),
    [refreshList],
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

  const runCommand = useCallback(
    (command: AppCommand) => {
      if (command === 'save') void sessionRef.current?.save();
      if (command === 'new-post') setCreating(true);
      if (command === 'toggle-preview') setLayout((now) => (now === 'editor' ? 'split' : 'editor'));
    },
    [setLayout],
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
      }
    };
    const onLeave = (event: BeforeUnloadEvent) => {
      if (!sessionRef.current?.dirty) return;
      void sessionRef.current.save();
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onLeave);
    };
  }, [runCommand]);

  const takeTheirs = useCallback(async () => {
    const current = sessionRef.current;
    if (!current) return;
    const post = await studio.posts.get(current.id);
    current.adopt(post);
    editor.current?.open(current.id, post.text);
  }, []);

  const visible = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return posts.filter((post) => {
      const haystack = `${post.title} ${post.tags.join(' ')} ${post.excerpt}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    });
  }, [posts, query]);

  const stats = useMemo(() => (doc ? textStats(parsePostFile(doc.text).body) : null), [doc]);

  return (
    <div className={`app layout-${layout}`}>
      <aside className="sidebar">
        <div className="sidebar-head">
          <div className="library-name" title={library?.root}>
            {library?.name ?? 'Library'}
          </div>
          <button type="button" className="button primary" onClick={() => setCreating(true)} title="New post (Ctrl+N in the app)">
            New post
          </button>
        </div>
        {creating && <NewPostForm onCreate={createPost} onCancel={() => setCreating(false)} />}
        <input
          className="search"
          type="search"
          placeholder="Filter posts"
          aria-label="Filter posts"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <PostList posts={visible} selectedId={doc?.id ?? null} dirtyId={doc?.dirty ? doc.id : null} onSelect={(id) => void openPost(id)} />
      </aside>
      <main className="workspace">
        <div className="toolbar">
          <div className="toolbar-title">{doc ? titleOf(posts, doc.id) : 'No post open'}</div>
          {doc && <SaveState doc={doc} onRetry={() => void session?.save()} />}
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
            {problem}
            <button type="button" className="button" onClick={() => setProblem(null)}>
              Dismiss
            </button>
          </div>
        )}
        {doc?.conflict && (
          <div className="banner warning" role="alert" data-testid="conflict">
            This post was changed outside Postwright while you were editing it. Your text is safe in the editor.
            <button type="button" className="button" onClick={() => void session?.save({ overwrite: true })}>
              Keep mine
            </button>
            <button type="button" className="button" onClick={() => void takeTheirs()}>
              Take theirs
            </button>
          </div>
        )}
        <div className="panes">
          <section className="pane editor-pane" aria-label="Editor">
            <EditorPane ref={editor} onChange={(text) => sessionRef.current?.edit(text)} />
          </section>
          <section className="pane preview-pane" aria-label="Preview">
            {doc && <Preview id={doc.id} text={doc.text} blogName={library?.name ?? ''} />}
          </section>
        </div>
        <footer className="statusbar">
          {stats && (
            <>
              <span data-testid="word-count">{stats.words.toLocaleString()} words</span>
              <span>{stats.characters.toLocaleString()} characters</span>
              <span>{stats.minutes} min read</span>
            </>
          )}
          <span className="statusbar-path">{library?.root}</span>
        </footer>
      </main>
    </div>
  );
}

function titleOf(posts: PostSummary[], id: string): string {
  return posts.find((post) => post.id === id)?.title ?? id;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
