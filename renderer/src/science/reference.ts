/// What the editor shows of a CSL-JSON item: in completion options and the hover over a key.
import type { Reference } from '../../editor/extensions/citations';

interface CslName {
  family?: unknown;
  given?: unknown;
  literal?: unknown;
}

function names(list: unknown): string {
  if (!Array.isArray(list)) return '';
  const all = (list as CslName[]).map((name) => String(name.family ?? name.literal ?? name.given ?? '')).filter(Boolean);
  if (all.length > 3) return `${all[0]} et al.`;
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} & ${all[all.length - 1]}` : (all[0] ?? '');
}

/// What the editor shows of one CSL-JSON item.
export function referenceOf(item: Record<string, unknown>): Reference {
  const issued = item.issued as { 'date-parts'?: unknown[][] } | undefined;
  const year = issued?.['date-parts']?.[0]?.[0];
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    key: String(item.id),
    authors: names(item.author) || names(item.editor),
    year: typeof year === 'number' || typeof year === 'string' ? String(year) : '',
    title: text(item.title),
    container: text(item['container-title']) || text(item.publisher),
    doi: text(item.DOI),
  };
}
