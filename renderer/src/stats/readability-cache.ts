/// Readability worked out paragraph by paragraph and remembered: after a pause in typing only
/// the paragraphs that changed are counted again.
import { addCounts, countProse, proseParagraphs, readingEase, type ProseCounts, type Readability } from '../../../shared/readability';

const LIMIT = 5000;

export class ReadabilityCache {
  private counts = new Map<string, ProseCounts>();
  private warming: { body: string; paragraphs: string[]; at: number } | null = null;

  /// Counts the paragraphs of `body` not counted yet, for as long as `more()` says there is
  /// time; true once all are, and `of` the same text then only adds them up. A long post is
  /// read this way over several idle moments instead of in one long task.
  warm(body: string, more: () => boolean): boolean {
    if (this.warming?.body !== body) this.warming = { body, paragraphs: proseParagraphs(body), at: 0 };
    const warming = this.warming;
    while (warming.at < warming.paragraphs.length) {
      if (!more()) return false;
      const paragraph = warming.paragraphs[warming.at++]!;
      if (!this.counts.has(paragraph) && this.counts.size < LIMIT) this.counts.set(paragraph, countProse(paragraph));
    }
    this.warming = null;
    return true;
  }

  of(body: string, lang: string): Readability {
    const next = new Map<string, ProseCounts>();
    let total: ProseCounts = { words: 0, sentences: 0, syllables: 0 };
    for (const paragraph of proseParagraphs(body)) {
      const counts = this.counts.get(paragraph) ?? next.get(paragraph) ?? countProse(paragraph);
      if (next.size < LIMIT) next.set(paragraph, counts);
      total = addCounts(total, counts);
    }
    this.counts = next;
    return readingEase(total, lang);
  }
}
