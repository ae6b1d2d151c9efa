import CSL from 'citeproc';
import type { CitationEngine } from './context';
import type { CiteItem } from './syntax';

/// A CSL-JSON item: what citation-js makes of a BibTeX entry, and what Zotero exports.
export interface CslItem {
  id: string;
  type?: string;
  [field: string]: unknown;
}

const engines = new Map<string, CitationEngine>();

/// The engine for these sources, made once: citeproc takes a second or more to read a style as
/// large as APA's, which every render of a cited post would otherwise pay. Renders are
/// synchronous and each sets its own citation order first, so posts can share one.
export function createCitationEngine(items: readonly CslItem[], styleXml: string, localeXml: string): CitationEngine {
  const key = `${hash(styleXml)}:${hash(localeXml)}:${hash(JSON.stringify(items))}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = makeEngine(items, styleXml, localeXml);
    if (engines.size >= 4) engines.delete(engines.keys().next().value!);
  }
  // Most recently used last.
  engines.delete(key);
  engines.set(key, engine);
  return engine;
}

function makeEngine(items: readonly CslItem[], styleXml: string, localeXml: string): CitationEngine {
  const byId = new Map(items.map((item) => [item.id, item]));
  const engine = new CSL.Engine(
    { retrieveLocale: () => localeXml, retrieveItem: (id: string) => byId.get(id) },
    styleXml,
    'en-US',
    true,
  );
  engine.setOutputFormat('html');
  // DOIs and URLs in the bibliography become links.
  engine.opt.development_extensions.wrap_url_and_doi = true;
  let ordered: string[] = [];
  // Formatting is slow in author-date styles (citeproc disambiguates over every item), and a
  // post's citations are formatted again on every render: remembered until the order changes.
  let cites = new Map<string, string>();
  let list: { key: string; html: string }[] | null = null;
  const register = (keys: string[]) => {
    ordered = keys;
    cites = new Map();
    list = null;
    engine.updateItems(ordered);
  };
  const fingerprint = `${hash(styleXml)}:${hash(JSON.stringify(items))}`;
  return {
    fingerprint,
    has: (key) => byId.has(key),
    order(keys) {
      if (keys.length === ordered.length && keys.every((key, i) => key === ordered[i])) return;
      register([...keys]);
    },
    cite(cited, inText) {
      // A key the whole-post scan did not see (it cannot happen for ordinary text) is still
      // registered, numbered after the others, rather than failing the render.
      const unseen = cited.filter((item) => !ordered.includes(item.key)).map((item) => item.key);
      if (unseen.length > 0) register([...ordered, ...unseen]);
      const memo = JSON.stringify([cited, inText]);
      const known = cites.get(memo);
      if (known !== undefined) return known;
      const html = format(cited, inText);
      cites.set(memo, html);
      return html;
    },
    bibliography() {
      list ??= makeList();
      return list;
    },
  };

  function format(cited: readonly CiteItem[], inText: boolean): string {
    if (inText) {
      return cited.map((item) => {
        const author = authorText(engine.makeCitationCluster([{ id: item.key, 'author-only': true }]), byId.get(item.key)!);
        const rest = engine.makeCitationCluster([{ ...cslCite(item), 'suppress-author': true }]);
        return `${author} ${rest}`;
      }).join('; ');
    }
    return engine.makeCitationCluster(cited.map(cslCite));
  }

  function makeList(): { key: string; html: string }[] {
    if (ordered.length === 0) return [];
    const result = engine.makeBibliography();
    if (!result) return [];
    const [meta, entries] = result as [{ entry_ids: string[][] }, string[]];
    return entries.map((html, i) => ({ key: meta.entry_ids[i]![0]!, html: unwrapEntry(html) }));
  }
}

/// Numeric styles have no author form of a citation ("[NO_PRINTED_FORM]"): then the family
/// names as pandoc writes them, "Okafor and Lindqvist", "Nguyen et al.".
function authorText(fromStyle: string, item: CslItem): string {
  if (fromStyle.trim() !== '' && !fromStyle.includes('NO_PRINTED_FORM')) return fromStyle;
  const names = ((item.author ?? item.editor ?? []) as { family?: string; literal?: string }[]).map((name) => name.family ?? name.literal ?? '').filter(Boolean);
  const text = names.length === 0 ? String(item.title ?? item.id) : names.length === 1 ? names[0]! : names.length === 2 ? `${names[0]} and ${names[1]}` : `${names[0]} et al.`;
  return text.replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/>/g, '&#62;');
}

function cslCite(item: CiteItem): Record<string, unknown> {
  const cite: Record<string, unknown> = { id: item.key };
  if (item.prefix) cite.prefix = `${item.prefix} `;
  if (item.suffix) cite.suffix = ` ${item.suffix}`;
  if (item.locator) {
    cite.locator = item.locator;
    cite.label = item.label ?? 'page';
  }
  if (item.suppressAuthor) cite['suppress-author'] = true;
  return cite;
}

/// citeproc wraps each entry in `<div class="csl-entry">`; the plugin writes its own wrapper
/// with the entry's anchor.
/// Numeric styles put the number and the text in two <div>s, which stack on a blog without
/// citeproc's stylesheet: as spans they read "[1] A. Silva, …" on one line everywhere.
function unwrapEntry(html: string): string {
  return html
    .trim()
    .replace(/^<div class="csl-entry">/, '')
    .replace(/<\/div>$/, '')
    .trim()
    .replace(/^<div class="csl-left-margin">(.*?)<\/div><div class="csl-right-inline">(.*)<\/div>$/s, '<span class="csl-left-margin">$1</span> <span class="csl-right-inline">$2</span>');
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36) + text.length.toString(36);
}
