/// The article as the blog's readers will see it. The body comes from the shared render
/// pipeline, sanitized by DOMPurify, and is shown in a frame sandboxed without scripts, with
/// its own CSP and stylesheets (preview/frame.ts). Typing patches only the blocks that
/// changed (preview/incremental.ts), and the preview scrolls with the editor both ways
/// (preview/scroll-sync.ts).
import DOMPurify from 'dompurify';
import { memo, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type Ref, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { parseFrontMatterData } from '../../../shared/frontmatter';
import type { PostSummary } from '../../../shared/api';
import { summarizePost } from '../../../shared/post';
import { isBlankLine } from '../../../shared/render/source-lines';
import { PREVIEW_DOCUMENT, PREVIEW_SANDBOX, setLibraryCss } from '../preview/frame';
import { PreviewBody } from '../preview/incremental';
import { PostView } from '../preview/post-view';
import { PreviewScroll, type FileLines } from '../preview/scroll-sync';
import { blockBox } from '../preview/sections';
import { applyLook } from '../preview/theme';
import { keepTexturized } from '../preview/theme-text';
import { ThemePage } from '../preview/theme-page';
import type { ThemeLook } from '../../../shared/theme-look';
import { useDiagrams } from '../science/useDiagrams';
import { asWordPressBlocks } from '../preview/wordpress-blocks';
import { useScience } from '../science/useScience';
import type { FedText } from '../state/preview-feed';
import { afterQuiet } from '../../idle';
import { assetUrl } from '../studio';
import type { EditorHandle } from './EditorPane';

interface Props {
  id: string;
  /// The post's text as the feed hands it over (state/preview-feed.ts).
  post: FedText;
  blogName: string;
  /// The library's preview.css, applied inside the frame only.
  libraryCss?: string | null;
  /// The article theme: dark follows the app unless the writer keeps the readers' view.
  theme?: 'light' | 'dark';
  /// The writer's text size, relative to the default.
  textScale?: number;
  /// Scrolls together with this editor, both ways.
  syncScrollWith?: RefObject<EditorHandle | null>;
  /// A blog's look (preview/theme.ts) instead of the article theme; give the Preview a new
  /// key when this turns on or off, as the page's markup changes.
  look?: ThemeLook | null;
  ref?: Ref<PreviewHandle>;
}

export interface PreviewHandle {
  /// Puts file line `line` (0-based) at the top of the preview, as the outline asks.
  revealLine(line: number): void;
}

export const Preview = memo(function Preview({ id, post, blogName, libraryCss = null, theme = 'light', textScale = 1, syncScrollWith, look = null, ref }: Props) {
  const frame = useRef<HTMLIFrameElement>(null);
  /// The frame's document once its srcdoc has loaded; the article is rendered into it.
  const [frameDoc, setFrameDoc] = useState<Document | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const article = useRef<PreviewBody | null>(null);
  const sync = useRef<PreviewScroll | null>(null);
  // Where the body starts, found again only when an edit reaches the front matter.
  const lastView = useRef<PostView | null>(null);
  const view = useMemo(() => PostView.of(post, lastView.current), [post]);
  lastView.current = view;
  // The front matter's YAML is read for the citation sources only when it changes.
  const frontData = useMemo(() => parseFrontMatterData(view.frontMatter).data, [view.frontMatter]);
  const science = useScience(id, frontData);
  // Diagrams are drawn after a pause in typing; the body is read only then.
  const diagrams = useDiagrams(id, view);
  const summary = useHeader(id, view);
  const date = useMemo(() => summary.date && formatDate(summary.date), [summary.date]);
  const latest = useRef(view);
  latest.current = view;
  const shownId = useRef<string | null>(null);

  const onFrameLoad = useCallback(() => {
    const doc = frame.current?.contentDocument;
    if (doc?.body) setFrameDoc(doc);
  }, []);

  // A new frame document needs a new article in it (declared first: it must run first).
  useLayoutEffect(() => {
    if (!frameDoc || !body.current) return;
    // A long post is shown part by part; once whole, it stands where the editor does.
    const onFilled = () => sync.current?.scrollToLine(syncScrollWith?.current?.topLine() ?? 0);
    article.current = new PreviewBody(body.current, DOMPurify, { onFilled });
    shownId.current = null;
    return () => {
      article.current?.dispose();
      article.current = null;
    };
  }, [frameDoc, syncScrollWith]);

  useEffect(() => {
    if (frameDoc) setLibraryCss(frameDoc, libraryCss);
  }, [frameDoc, libraryCss]);

  // Before layout, so the frame never shows one frame in the old theme or size.
  useLayoutEffect(() => {
    if (!frameDoc) return;
    frameDoc.documentElement.dataset.theme = theme;
    frameDoc.documentElement.style.setProperty('--reader-scale', String(textScale));
  }, [frameDoc, theme, textScale]);

  useLayoutEffect(() => {
    if (!frameDoc) return;
    applyLook(frameDoc, look);
    const platform = look?.texturize ? 'wordpress' : look?.platform === 'hugo' ? 'hugo' : null;
    // WordPress curls the title too; Hugo's typographer sees only the Markdown body.
    const root = platform ? frameDoc.querySelector(platform === 'hugo' ? '[data-testid="article-body"]' : '.preview-scroll') : null;
    return root && platform ? keepTexturized(root, platform) : undefined;
  }, [frameDoc, look]);

  useImperativeHandle(ref, () => ({ revealLine: (line) => sync.current?.scrollToLine(line) }), []);

  // As on a WordPress blog, the blocks carry the classes its native blocks have there.
  const wordpress = look?.platform === 'wordpress' || (look?.platform === undefined && look?.texturize === true);
  useLayoutEffect(() => {
    if (!article.current) return;
    const resolveAsset = (src: string) => assetUrl(id, src);
    article.current.setDecorator(wordpress ? asWordPressBlocks : null);
    // The key changes with the citation sources, the drawn diagrams and the platform, so any of them renders the whole post.
    article.current.update(`${id}\u0000${science.version}\u0000${diagrams.version}\u0000${wordpress ? 'wp' : ''}`, view, { resolveAsset, science: science.options, diagrams: diagrams.options });
    if (shownId.current === id) return;
    shownId.current = id;
    // Another post: start where the editor is, once it has laid the post out.
    requestAnimationFrame(() => sync.current?.scrollToLine(syncScrollWith?.current?.topLine() ?? 0));
  }, [id, view, syncScrollWith, frameDoc, science, diagrams, wordpress]);

  useEffect(() => {
    const element = scroller.current;
    const box = frame.current;
    const editor = () => syncScrollWith?.current ?? null;
    if (!element || !box || !frameDoc || !editor()) return;
    const preview = new PreviewScroll(
      element,
      () => article.current?.blocks() ?? [],
      () => fileLines(latest.current),
      (line) => editor()?.scrollToLine(line),
      blockBox,
    );
    sync.current = preview;
    const stop = editor()?.onTopLineChange((line) => preview.scrollToLine(line));
    // Hidden in the Write layout; when shown again it catches up with the editor.
    // The frame element is watched from the app's side, where its size is decided.
    let shown = box.clientHeight > 0;
    const observer = new ResizeObserver(() => {
      if (box.clientHeight > 0 && !shown) preview.scrollToLine(editor()?.topLine() ?? 0);
      shown = box.clientHeight > 0;
    });
    observer.observe(box);
    return () => {
      stop?.();
      observer.disconnect();
      preview.dispose();
      sync.current = null;
    };
  }, [syncScrollWith, frameDoc]);

  const articleBody = (className: string, bodyId?: string) => <div className={className} id={bodyId} ref={body} data-testid="article-body" onClick={followLink} />;
  const page = look ? (
    <div className="preview-scroll" data-testid="preview" ref={scroller}>
      <ThemePage look={look} title={summary.title} body={articleBody} />
    </div>
  ) : (
    <div className="preview-scroll" data-testid="preview" ref={scroller}>
      <div className="blog-masthead">{blogName}</div>
      <article className="article">
        <header className="article-header">
          <h1 className="article-title">{summary.title}</h1>
          <div className="article-meta">
            {summary.date && <time dateTime={summary.date}>{date}</time>}
            {summary.tags.length > 0 && (
              <ul className="article-tags" aria-label="Labels">
                {summary.tags.map((tag) => (
                  <li key={tag}>{tag}</li>
                ))}
              </ul>
            )}
          </div>
        </header>
        {articleBody('article-body')}
        <footer className="article-comments">
          <h2>Comments</h2>
          <p>Readers’ comments appear here on your blog.</p>
        </footer>
      </article>
    </div>
  );

  return (
    <>
      <iframe
        ref={frame}
        className="preview-frame"
        title="Preview"
        data-testid="preview-frame"
        sandbox={PREVIEW_SANDBOX}
        srcDoc={PREVIEW_DOCUMENT}
        onLoad={onFrameLoad}
      />
      {frameDoc && createPortal(page, frameDoc.body)}
    </>
  );
});

/// Links in the preview never navigate the studio away: in-page anchors scroll the preview,
/// other links open outside (the desktop app hands https: and mailto: to the OS browser).
function followLink(event: MouseEvent<HTMLDivElement>): void {
  const link = (event.target as Element).closest('a[href]');
  if (!link) return;
  event.preventDefault();
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#')) {
    const target = event.currentTarget.querySelector(`[id="${CSS.escape(decodeURIComponent(href.slice(1)))}"]`);
    target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  } else if (/^(https?:|mailto:)/i.test(href)) {
    window.open(href, '_blank', 'noopener,noreferrer');
  }
}

/// Lines as CodeMirror and markdown-it count them, read from the editor's document.
function fileLines(view: PostView): FileLines {
  const body = view.lines;
  return { bodyStart: view.bodyLine, total: view.bodyLine + body.lines, isBlank: (line) => line >= body.lines || isBlankLine(body, line) };
}

/// The header's title, date and labels. The front matter is read again when it changes; a
/// title taken from the body's first heading catches up when typing pauses, as counts do.
function useHeader(id: string, view: PostView): PostSummary {
  const [summary, setSummary] = useState(() => summarizePost(id, view.fed.text, 0));
  const latest = useRef(view);
  latest.current = view;
  const refresh = useCallback(() => {
    const next = summarizePost(id, latest.current.fed.text, 0);
    setSummary((now) => (now.title === next.title && now.date === next.date && now.tags.join('\n') === next.tags.join('\n') ? now : next));
  }, [id]);
  useLayoutEffect(refresh, [refresh, view.frontMatter]);
  useEffect(() => {
    const quiet = afterQuiet(refresh, HEADER_QUIET_MS);
    quiet.poke();
    return quiet.cancel;
  }, [refresh, view]);
  return summary;
}
const HEADER_QUIET_MS = 200;

function formatDate(date: string): string {
  const parsed = new Date(date.length === 10 ? `${date}T12:00:00` : date);
  return Number.isNaN(parsed.getTime())
    ? date
    : parsed.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}
