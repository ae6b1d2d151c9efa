/// The words numbered figures, tables and equations, and the bibliography's heading, are written
/// with: set per library (a student writing in Spanish writes "Figura"), overridable per post in
/// the front matter with pandoc's names. One function decides them for the preview, `postwright
/// render` and publishing alike.
import type { CrossWords } from './render/science/context';

/// As kept in the library's settings (its schema, for the API, is in api.ts).
export type WordsSetting = Partial<CrossWords>;
export const MAX_WORD_LENGTH = 40;

/// The words a settings file holds, each checked (no zod here: `postwright render` stays light).
export function cleanWords(raw: unknown): WordsSetting | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const words: WordsSetting = {};
  for (const kind of ['fig', 'tbl', 'eq', 'references'] as const) {
    const value = (raw as Record<string, unknown>)[kind];
    if (typeof value === 'string' && value.trim() !== '' && value.trim().length <= MAX_WORD_LENGTH) words[kind] = value.trim();
  }
  return words;
}

export const WORD_PRESETS: Record<string, { label: string; words: CrossWords }> = {
  en: { label: 'English', words: { fig: 'Figure', tbl: 'Table', eq: 'Equation', references: 'References' } },
  es: { label: 'Spanish', words: { fig: 'Figura', tbl: 'Tabla', eq: 'Ecuación', references: 'Referencias' } },
  fr: { label: 'French', words: { fig: 'Figure', tbl: 'Tableau', eq: 'Équation', references: 'Références' } },
  de: { label: 'German', words: { fig: 'Abbildung', tbl: 'Tabelle', eq: 'Gleichung', references: 'Literatur' } },
  pt: { label: 'Portuguese', words: { fig: 'Figura', tbl: 'Tabela', eq: 'Equação', references: 'Referências' } },
};

/// Front-matter keys that override the library's words for one post (pandoc-crossref's
/// `figureTitle` / `tableTitle`, pandoc's `reference-section-title`).
const FRONT_MATTER: Record<keyof CrossWords, string> = { fig: 'figureTitle', tbl: 'tableTitle', eq: 'equationTitle', references: 'reference-section-title' };

/// The words for one post: the library's, then the post's own; absent ones fall back to English.
export function wordsFor(library: WordsSetting | undefined, data: Record<string, unknown>): Partial<CrossWords> {
  const words: Partial<CrossWords> = {};
  for (const kind of Object.keys(FRONT_MATTER) as Array<keyof CrossWords>) {
    const own = data[FRONT_MATTER[kind]];
    const chosen = typeof own === 'string' && own.trim() !== '' ? own.trim().slice(0, MAX_WORD_LENGTH) : library?.[kind];
    if (chosen) words[kind] = chosen;
  }
  return words;
}

/// The preset these words are, or null for the blogger's own.
export function presetOf(words: WordsSetting | undefined): string | null {
  const full = { ...WORD_PRESETS.en!.words, ...words };
  return Object.entries(WORD_PRESETS).find(([, preset]) => (Object.keys(preset.words) as Array<keyof CrossWords>).every((kind) => preset.words[kind] === full[kind]))?.[0] ?? null;
}
