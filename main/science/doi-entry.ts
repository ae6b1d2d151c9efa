/// Turns the CSL-JSON a DOI agency answered into an entry for the library's bibliography: a key in
/// the usual author-year-word style that no existing entry has, and the entry as BibTeX (through
/// citation-js, so the file reads back the same way) or as a CSL-JSON object.
import type { CslItem } from '../../shared/render/science/citeproc';

/// CSL variables worth keeping. Crossref also sends its reference list, licences, funders and
/// index dates, which can be hundreds of kilobytes and mean nothing to a citation.
const KEEP = new Set([
  'type', 'title', 'title-short', 'container-title', 'container-title-short', 'collection-title', 'author', 'editor', 'translator',
  'issued', 'published-print', 'published-online', 'accessed', 'volume', 'issue', 'page', 'article-number', 'number', 'edition',
  'publisher', 'publisher-place', 'event', 'event-place', 'genre', 'DOI', 'URL', 'ISSN', 'ISBN', 'language', 'abstract', 'version', 'medium', 'note',
]);

const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'and', 'for', 'to', 'with', 'at', 'by', 'from', 'is', 'are', 'do', 'does', 'how', 'what', 'why', 'la', 'le', 'les', 'el', 'los', 'las', 'de', 'der', 'die', 'das', 'un', 'une', 'una', 'o', 'os']);

/// Letters and digits only, accents dropped: a key works in every tool and every file.
function plain(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

function firstAuthor(item: CslItem): string {
  const people = (item.author ?? item.editor) as Array<{ family?: unknown; literal?: unknown; given?: unknown }> | undefined;
  const first = Array.isArray(people) ? people[0] : undefined;
  const name = first ? String(first.family ?? first.literal ?? first.given ?? '') : '';
  // "van der Berg" is cited as Berg's; an organisation ("World Health Organization") by its first word.
  const words = name.split(/\s+/).filter(Boolean);
  const chosen = first?.family ? words[words.length - 1] : words[0];
  return plain(chosen ?? '') || 'anon';
}

export function yearOf(item: CslItem): string {
  for (const field of ['issued', 'published-print', 'published-online']) {
    const parts = (item[field] as { 'date-parts'?: unknown[][] } | undefined)?.['date-parts']?.[0];
    const year = parts?.[0];
    if ((typeof year === 'number' || typeof year === 'string') && /^\d{3,4}$/.test(String(year))) return String(year);
  }
  return 'nd';
}

function titleWord(item: CslItem): string {
  const title = Array.isArray(item.title) ? String(item.title[0] ?? '') : String(item.title ?? '');
  const words = title.replace(/<[^>]*>/g, ' ').split(/[\s\-–—:/]+/).map(plain).filter(Boolean);
  return words.find((word) => !STOP_WORDS.has(word)) ?? words[0] ?? '';
}

/// `okafor2024soil`; `okafor2024soila`, `…b` when that is taken (keys compare without case, as
/// BibTeX compares them).
export function makeKey(item: CslItem, taken: Iterable<string>): string {
  const used = new Set([...taken].map((key) => key.toLowerCase()));
  const base = `${firstAuthor(item)}${yearOf(item)}${titleWord(item)}`;
  if (!used.has(base)) return base;
  for (let n = 0; ; n++) {
    const suffix = suffixOf(n);
    if (!used.has(`${base}${suffix}`)) return `${base}${suffix}`;
  }
}

/// a, b, … z, aa, ab, …
function suffixOf(n: number): string {
  let text = '';
  for (let k = n; k >= 0; k = Math.floor(k / 26) - 1) text = String.fromCharCode(97 + (k % 26)) + text;
  return text;
}

/// The item with only the variables a citation uses, its id the new key.
export function cleanItem(item: CslItem, key: string): CslItem {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (KEEP.has(name) && value !== null && value !== undefined && value !== '') kept[name] = value;
  // Crossref sends some titles as one-element lists.
  for (const name of ['title', 'container-title', 'container-title-short', 'title-short']) {
    if (Array.isArray(kept[name])) kept[name] = (kept[name] as unknown[]).length > 0 ? String((kept[name] as unknown[])[0]) : undefined;
    if (kept[name] === undefined) delete kept[name];
  }
  if (typeof kept.abstract === 'string' && kept.abstract.length > 4000) delete kept.abstract;
  return { ...kept, id: key, 'citation-key': key } as CslItem;
}

/// The entry as BibTeX text, written by citation-js's own BibTeX output.
export async function toBibtex(item: CslItem): Promise<string> {
  const { Cite } = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  return (new Cite([item]).format('bibtex') as string).trim();
}

/// The reference as a reader sees it in a bibliography (Vancouver, plain text), for the dialog and
/// the CLI to confirm what was added. Vancouver because citeproc reads it in a tenth of APA's time.
export async function plainReference(item: CslItem): Promise<string> {
  const { Cite } = await import('@citation-js/core');
  await import('@citation-js/plugin-csl');
  const text = new Cite([item]).format('bibliography', { format: 'text', template: 'vancouver', lang: 'en-US' }) as string;
  return text.trim().replace(/^1\.\s*/, '');
}
