/// Readability worked out paragraph by paragraph and remembered: after a pause in typing only
/// the paragraphs that changed are counted again.
import { addCounts, countProse, proseParagraphs, readingEase, type ProseCounts, type Readability } from '../../../shared/readability';

const LIMIT = 5000;

export class ReadabilityCache {
  private counts = new Map<string, ProseCounts>();

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
