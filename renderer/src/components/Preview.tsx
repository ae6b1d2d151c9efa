/// The article as the blog's readers will see it. The body comes from the shared render
/// pipeline, sanitized by DOMPurify; the page's CSP forbids inline script besides.
import DOMPurify from 'dompurify';
import { memo, useDeferredValue, useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { parsePostFile } from '../../../shared/frontmatter';
import { renderArticle } from '../../../shared/render';
import { summarizePost } from '../../../shared/post';

interface Props {
  id: string;
  text: string;
  blogName: string;
}

export const Preview = memo(function Preview({ id, text, blogName }: Props) {
  const deferred = useDeferredValue(text);
  const body = useRef<HTMLDivElement>(null);
  const { html, summary } = useMemo(() => {
    const file = parsePostFile(deferred);
    const resolveAsset = (src: string) => `files/${encodeURIComponent(id)}/${src.replace(/^\.\//, '')}`;
    return { html: renderArticle(file.body, DOMPurify, { resolveAsset }), summary: summarizePost(id, deferred, 0) };
  }, [deferred, id]);

  useLayoutEffect(() => {
    if (body.current && body.current.innerHTML !== html) body.current.innerHTML = html;
  }, [html]);

  return (
    <div className="preview-scroll" data-testid="preview">
      <div className="blog-masthead">{blogName}</div>
      <article className="article">
        <header className="article-header">
          <h1 className="article-title">{summary.title}</h1>
          <div className="article-meta">
            {summary.date && <time dateTime={summary.date}>{formatDate(summary.date)}</time>}
            {summary.tags.length > 0 && (
              <ul className="article-tags" aria-label="Labels">
                {summary.tags.map((tag) => (
                  <li key={tag}>{tag}</li>
                ))}
              </ul>
            )}
          </div>
        </header>
        <div className="article-body" ref={body} data-testid="article-body" onClick={followLink} />
        <footer className="article-comments">
          <h2>Comments</h2>
          <p>Readers’ comments appear here on your blog.</p>
        </footer>
      </article>
    </div>
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

function formatDate(date: string): string {
  const parsed = new Date(date.length === 10 ? `${date}T12:00:00` : date);
  return Number.isNaN(parsed.getTime())
    ? date
    : parsed.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}
