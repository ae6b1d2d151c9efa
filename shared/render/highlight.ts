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

/// highlight.js's own emitter builds a tree of every token and then walks it to write the
/// HTML; this one writes the same HTML as the tokens arrive (a third less work). It answers the
/// calls highlight.js makes of an emitter (its `Emitter` interface and `openNode`/`closeNode`)
/// and writes what its HTMLRenderer would: each scope a `<span>` with the scope's classes, text
/// escaped, an embedded language wrapped in `language-NAME`. A differential test holds it to
/// the stock emitter on every registered language.
export class StreamingEmitter {
  private html = '';
  /// Whether each open node wrote a `<span>`, innermost last.
  private readonly open: boolean[] = [];

  constructor(private readonly options: { classPrefix: string }) {}

  addText(text: string): void {
    if (text !== '') this.html += escapeCode(text);
  }

  startScope(scope: string): void {
    this.openNode(scope);
  }

  endScope(): void {
    this.closeNode();
  }

  openNode(scope: string): void {
    if (scope) this.html += `<span class="${scopeClasses(scope, this.options.classPrefix)}">`;
    this.open.push(Boolean(scope));
  }

  closeNode(): void {
    if (this.open.pop()) this.html += '</span>';
  }

  __addSublanguage(emitter: StreamingEmitter, name: string): void {
    this.html += name ? `<span class="language-${name}">${emitter.html}</span>` : emitter.html;
  }

  finalize(): boolean {
    while (this.open.length > 0) this.closeNode();
    return true;
  }

  toHTML(): string {
    return this.html;
  }
}

/// `title.function` is `hljs-title function_`, as highlight.js writes tiered scopes.
function scopeClasses(scope: string, prefix: string): string {
  if (!scope.includes('.')) return `${prefix}${scope}`;
  const [first, ...rest] = scope.split('.');
  return [`${prefix}${first}`, ...rest.map((piece, i) => `${piece}${'_'.repeat(i + 1)}`)].join(' ');
}

function escapeCode(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;') : text;
}

// A private instance: the shared `lib/core` singleton may be configured by other code.
// Only common blog languages are registered, to keep the renderer bundle small.
const hljs = hljsCore.newInstance();
export const HIGHLIGHT_LANGUAGES = {
  bash, c, cpp, csharp, css, diff, go, java, javascript, json, markdown, php,
  plaintext, python, r, ruby, rust, shell, sql, typescript, xml, yaml,
};
hljs.configure({ __emitter: StreamingEmitter } as unknown as Parameters<typeof hljs.configure>[0]);
// Registering builds each grammar: done when the first fence names a language, so a render of
// a post without code (a CLI run, a first publish) does not pay for 22 grammars.
let registered = false;
function languageOf(name: string) {
  if (!registered) {
    for (const [id, language] of Object.entries(HIGHLIGHT_LANGUAGES)) hljs.registerLanguage(id, language);
    registered = true;
  }
  return hljs.getLanguage(name);
}

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
    const known = languageOf(lang.toLowerCase());
    if (!known || env.plainCode) return `${pre}<code class="${langClass}">${escapeHtml(token.content)}</code></pre>\n`;
    const language = lang.toLowerCase();
    // A language name holds no line break, so the key is unambiguous.
    const value = highlighted.get(`${language}\n${token.content}`, () => hljs.highlight(token.content, { language, ignoreIllegals: true }).value);
    return `${pre}<code class="hljs ${langClass}">${value}</code></pre>\n`;
  };
}
