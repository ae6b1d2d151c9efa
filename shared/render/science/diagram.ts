/// Mermaid diagrams (```mermaid fences) without any script on the page: the app draws each one
/// into an SVG file beside the post, named from its source (see renderer/src/science/diagram-*
/// and main/science/diagram-files.ts), and the render pipeline shows that file as an image.
/// Every host that has the file renders the same <img>; one that has not yet renders a note
/// and the source, never a broken image.
import type MarkdownIt from 'markdown-it';
import { resolveSrc, type RenderEnv } from '../images';
import { sha256Hex } from './diagram-hash';

/// Drawn with mermaid's "neutral" theme, which reads on a white blog page whatever the app's
/// theme; changing how diagrams are drawn changes this, and with it every file's name.
export const DIAGRAM_STYLE = 'mermaid-neutral-1';

/// The diagram files a host has beside the post, by name without extension ("diagram-<hash>").
export interface DiagramOptions {
  has(name: string): boolean;
  /// The file the article shows: SVG, or the PNG copy for blogs that strip SVG.
  format?: 'svg' | 'png';
}

export interface DiagramEnv extends RenderEnv {
  diagrams?: DiagramOptions;
}

export interface DiagramSource {
  name: string;
  source: string;
}

/// "diagram-" and the first 16 hex digits of the SHA-256 of the drawing style and the source
/// (line endings made "\n", trailing blank lines dropped, as markdown-it hands fences over).
export function diagramName(source: string): string {
  return `diagram-${sha256Hex(`${DIAGRAM_STYLE}\n${normalizeSource(source)}`).slice(0, 16)}`;
}

export function normalizeSource(source: string): string {
  return source.replace(/\r\n?/g, '\n').replace(/\s+$/, '') + '\n';
}

export const DIAGRAM_FILE = /^diagram-[0-9a-f]{16}\.(svg|png)$/;

export function isMermaidInfo(info: string): boolean {
  return (info.trim().split(/\s+/)[0] ?? '').toLowerCase() === 'mermaid';
}

/// Every mermaid fence of a post's body, in order, once each, as the article parser reads them.
export function findDiagrams(md: MarkdownIt, body: string): DiagramSource[] {
  if (!/mermaid/i.test(body)) return [];
  const found = new Map<string, DiagramSource>();
  const walk = (tokens: ReturnType<MarkdownIt['parse']>) => {
    for (const token of tokens) {
      if (token.type === 'fence' && isMermaidInfo(md.utils.unescapeAll(token.info))) {
        const name = diagramName(token.content);
        if (!found.has(name)) found.set(name, { name, source: normalizeSource(token.content) });
      }
      if (token.children) walk(token.children);
    }
  };
  walk(md.parse(body, {}));
  return [...found.values()];
}

/// What a reader of the diagram hears and sees if it does not load: mermaid's own `accTitle`
/// when the diagram has one.
export function diagramAlt(source: string): string {
  const title = /^\s*accTitle\s*:\s*(.+)$/m.exec(source)?.[1]?.trim();
  return title ? `Diagram: ${title}` : 'Diagram';
}

export function diagramPlugin(md: MarkdownIt): void {
  const fence = md.renderer.rules.fence!;
  const escape = md.utils.escapeHtml;
  md.renderer.rules.fence = (tokens, idx, options, env: DiagramEnv, self) => {
    const token = tokens[idx]!;
    if (!isMermaidInfo(md.utils.unescapeAll(token.info))) return fence(tokens, idx, options, env, self);
    const name = diagramName(token.content);
    const attrs = self.renderAttrs(token);
    if (env.diagrams?.has(name)) {
      const src = resolveSrc(`${name}.${env.diagrams.format ?? 'svg'}`, env);
      return `<figure class="diagram"${attrs}><img src="${escape(src)}" alt="${escape(diagramAlt(token.content))}" loading="lazy"></figure>\n`;
    }
    return (
      `<figure class="diagram diagram-missing"${attrs}><figcaption>Diagram not drawn yet: Postwright draws it when the post is open in the app.</figcaption>` +
      `<pre><code class="language-mermaid">${escape(token.content)}</code></pre></figure>\n`
    );
  };
}
