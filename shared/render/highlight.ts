import hljsCore from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import r from 'highlight.js/lib/languages/r';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type MarkdownIt from 'markdown-it';
import type { BudgetEnv } from './budget';
import { renderTex } from './math';
import { RenderCache } from './memo';

// A private instance: the shared `lib/core` singleton may be configured by other code.
// Only common blog languages are registered, to keep the renderer bundle small.
const hljs = hljsCore.newInstance();
const languages = {
  bash, c, cpp, csharp, css, diff, go, java, javascript, json, markdown, php,
  plaintext, python, r, ruby, rust, shell, sql, typescript, xml, yaml,
};
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

// Highlighting is pure given the language and the code (the instance above is never
// reconfigured), and the costliest step of a render: about 8 MB at most.
const highlighted = new RenderCache(1_000, 4_000_000);

/// Fenced code is highlighted at render time (class-based, no inline colours)
/// so the published HTML needs no script. Languages are never guessed: a fence
/// with an unknown or missing language is escaped plain text. A `math` fence is
/// display math, as on GitHub and GitLab. In a very large post (budget.ts) nothing
/// is highlighted and math stays TeX.
export function highlightPlugin(md: MarkdownIt): void {
  const escapeHtml = md.utils.escapeHtml;
  md.renderer.rules.fence = (tokens, idx, _options, env: BudgetEnv, self) => {
    const token = tokens[idx]!;
    const info = md.utils.unescapeAll(token.info).trim();
    const lang = info.split(/\s+/)[0] ?? '';
    const pre = `<pre${self.renderAttrs(token)}>`;
    if (lang.toLowerCase() === 'math') {
      return `<div class="math-display"${self.renderAttrs(token)}>${renderTex(token.content, true, env.plainCode)}</div>\n`;
    }
    if (!lang) return `${pre}<code>${escapeHtml(token.content)}</code></pre>\n`;

    const langClass = `language-${escapeHtml(lang)}`;
    const known = hljs.getLanguage(lang.toLowerCase());
    if (!known || env.plainCode) return `${pre}<code class="${langClass}">${escapeHtml(token.content)}</code></pre>\n`;
    const language = lang.toLowerCase();
    // A language name holds no line break, so the key is unambiguous.
    const value = highlighted.get(`${language}\n${token.content}`, () => hljs.highlight(token.content, { language, ignoreIllegals: true }).value);
    return `${pre}<code class="hljs ${langClass}">${value}</code></pre>\n`;
  };
}
