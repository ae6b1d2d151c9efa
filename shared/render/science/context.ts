import { scanScience, type CiteItem, type CrossKind } from './syntax';

/// What a host gives the renderer for a post that cites or numbers: the citation engine made
/// from the post's bibliography and style (citeproc.ts), and the words for "Figure", "Table",
/// "Equation" in the blogger's language.
export interface ScienceOptions {
  citations?: CitationEngine;
  words?: Partial<CrossWords>;
}

export interface CrossWords {
  fig: string;
  tbl: string;
  eq: string;
  references: string;
}

export const DEFAULT_WORDS: CrossWords = { fig: 'Figure', tbl: 'Table', eq: 'Equation', references: 'References' };

/// Formats citations in one style, for one post, whose cited keys are given in order first.
export interface CitationEngine {
  has(key: string): boolean;
  /// Sets the order of first citation (numeric styles number by it). Cheap when unchanged.
  order(keys: readonly string[]): void;
  /// HTML of one citation: `[@a; @b, p. 4]`, or `@a says` (inText).
  cite(items: readonly CiteItem[], inText: boolean): string;
  /// The bibliography entries for the ordered keys, each with its key.
  bibliography(): { key: string; html: string }[];
  /// Identifies the sources and style, so a cached render knows when they changed.
  readonly fingerprint: string;
}

/// Everything one render of one post needs to number and cite consistently, whichever block
/// is rendered: made once per version of the post from a scan of the whole body.
export interface ScienceContext {
  numbers: Map<string, number>;
  kinds: Map<string, CrossKind>;
  engine?: CitationEngine;
  cited: string[];
  /// The post places its bibliography with `::: {#refs}`; otherwise it is appended.
  placed: boolean;
  words: CrossWords;
  /// Changes whenever any block's rendering could change: numbers, cited keys, sources, words.
  fingerprint: string;
}

export function scienceContext(body: string, options: ScienceOptions): ScienceContext {
  const scan = scanScience(body);
  const numbers = new Map<string, number>();
  const kinds = new Map<string, CrossKind>();
  const counters: Record<CrossKind, number> = { fig: 0, tbl: 0, eq: 0 };
  for (const label of scan.labels) {
    if (numbers.has(label.id)) continue;
    numbers.set(label.id, ++counters[label.kind]);
    kinds.set(label.id, label.kind);
  }
  const engine = options.citations;
  const cited = engine ? scan.cites.filter((cite) => cite.bracketed || engine.has(cite.key)).map((cite) => cite.key) : [];
  engine?.order(cited.filter((key) => engine.has(key)));
  const words = { ...DEFAULT_WORDS, ...options.words };
  const fingerprint = JSON.stringify([[...numbers], cited, scan.placed, engine?.fingerprint ?? '', words]);
  return { numbers, kinds, engine, cited, placed: scan.placed, words, fingerprint };
}
