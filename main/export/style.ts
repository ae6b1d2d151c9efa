/// The stylesheet of an exported HTML file: the preview's light article theme (the look of
/// renderer/src/styles/article.css, which lives in the renderer's bundle), made standalone and
/// printable.
export const EXPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #222; }
.article { max-width: 680px; margin: 0 auto; padding: 28px 32px 48px; font: 18px/1.7 Charter, 'Iowan Old Style', 'Source Serif Pro', Georgia, 'DejaVu Serif', serif; }
.article-title { font: 700 2.1em/1.2 system-ui, -apple-system, 'Segoe UI', 'Noto Sans', sans-serif; margin: 0 0 10px; color: #111; }
.article-meta { color: #6b6b6b; font: 0.78em/1.4 system-ui, sans-serif; margin-bottom: 28px; }
.article-body h1, .article-body h2, .article-body h3, .article-body h4 { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.3; color: #111; margin: 1.6em 0 0.5em; }
.article-body h2 { font-size: 1.45em; }
.article-body h3 { font-size: 1.2em; }
.article-body p, .article-body ul, .article-body ol, .article-body blockquote, .article-body table, .article-body pre, .article-body figure { margin: 0 0 1.1em; }
.article-body a { color: #1a5fb4; }
.article-body img { max-width: 100%; height: auto; }
.article-body figure { text-align: center; }
.article-body figcaption { font: italic 0.78em/1.4 system-ui, sans-serif; color: #6b6b6b; margin-top: 6px; }
.article-body blockquote { border-left: 3px solid #d9d9d9; padding: 0 0 0 1em; color: #555; font-style: italic; }
.article-body table { border-collapse: collapse; width: 100%; font: 0.83em/1.5 system-ui, sans-serif; }
.article-body th, .article-body td { border: 1px solid #e2e2e2; padding: 6px 10px; }
.article-body th { background: #f7f7f7; text-align: left; }
.article-body code { font: 0.85em/1.5 'DejaVu Sans Mono', Menlo, Consolas, monospace; background: #f4f2ee; padding: 0.1em 0.35em; border-radius: 4px; }
.article-body pre { font: 0.78em/1.5 'DejaVu Sans Mono', Menlo, Consolas, monospace; background: #f8f7f4; border: 1px solid #ece9e2; border-radius: 6px; padding: 14px 16px; overflow-x: auto; white-space: pre-wrap; }
.article-body pre code { font: inherit; background: none; padding: 0; }
.article-body hr { border: 0; border-top: 1px solid #e2e2e2; margin: 2em 0; }
.article-body .task-list-item { list-style: none; }
.article-body .footnotes { font-size: 0.85em; color: #555; }
.article-body .katex-display { overflow-x: auto; overflow-y: hidden; }
.hljs-comment, .hljs-quote { color: #8a8a8a; font-style: italic; }
.hljs-keyword, .hljs-selector-tag, .hljs-built_in { color: #7c3aed; }
.hljs-string, .hljs-attr, .hljs-addition { color: #047857; }
.hljs-number, .hljs-literal, .hljs-symbol { color: #b45309; }
.hljs-title, .hljs-section { color: #1d4ed8; }
.hljs-type { color: #0e7490; }
.hljs-variable, .hljs-params { color: #9f1239; }
@media print { .article { max-width: none; padding: 0; } .article-body pre, .article-body figure, .article-body table { break-inside: avoid; } }
`;
