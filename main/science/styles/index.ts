import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { CHICAGO_AUTHOR_DATE } from './chicago';
import { IEEE } from './ieee';
import { NATURE } from './nature';

/// The styles Postwright ships. APA and Vancouver are the CSL project's own, as bundled by
/// citation-js; IEEE, Chicago author-date and Nature are written for Postwright. Any other
/// style is a `.csl` file the blogger adds (`csl: my-journal.csl`).
interface Register {
  get(name: string): string | undefined;
  list(): string[];
}
const csl = plugins.config.get('@csl') as { styles: Register; locales: Register };

export const STYLES: Record<string, string> = {
  apa: csl.styles.get('apa')!,
  vancouver: csl.styles.get('vancouver')!,
  ieee: IEEE,
  'chicago-author-date': CHICAGO_AUTHOR_DATE,
  nature: NATURE,
};

export const DEFAULT_STYLE = 'apa';

/// CSL locale XML for a language tag ("en", "es-ES"), falling back to US English.
export function localeFor(lang: string | undefined): string {
  if (lang) {
    const exact = csl.locales.get(lang);
    if (exact) return exact;
    const base = lang.split('-')[0]!.toLowerCase();
    const match = csl.locales.list().find((tag) => tag.toLowerCase().startsWith(`${base}-`));
    if (match) return csl.locales.get(match)!;
  }
  return csl.locales.get('en-US')!;
}
