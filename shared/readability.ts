/// Flesch reading ease of markdown prose: code, math, URLs, HTML tags and markup are left out,
/// so the score is about the sentences a reader reads. Paragraphs are scored separately and
/// summed, which lets a caller cache them (renderer/src/stats/) and redo only changed ones.
import { replaceLinks, replaceTags } from './markdown-scan';

export interface ProseCounts {
  words: number;
  sentences: number;
  syllables: number;
}

export interface Readability extends ProseCounts {
  /// Flesch reading ease, 0 (very hard) to 100 (very easy), null with too little text.
  score: number | null;
  label: string;
}

/// Flesch's constants, and the variants fitted for other languages (Kandel & Moles for French,
/// Fernández Huerta for Spanish, Amstad for German): base − a·(words/sentence) − b·(syllables/word).
const ENGLISH: [number, number, number] = [206.835, 1.015, 84.6];
const CONSTANTS: Record<string, [number, number, number]> = {
  en: ENGLISH,
  fr: [207, 1.015, 73.6],
  es: [206.84, 1.02, 60],
  de: [180, 1, 58.5],
};

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const VOWELS = /[aeiouyàâäáéèêëíìîïóòôöúùûüýÿæœ]+/giu;

/// Counts one paragraph (or any run of prose) of plain text.
export function countProse(text: string): ProseCounts {
  let words = 0;
  let syllables = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    if (!/\p{L}/u.test(match[0])) continue; // numbers are not read as words here
    words++;
    syllables += syllablesOf(match[0]);
  }
  const ends = text.match(/[.!?…]+(?=\s|$)|[.!?]+["'”’)]+(?=\s|$)/gu)?.length ?? 0;
  // Text without a full stop (a heading, a list item) still reads as one sentence.
  const sentences = words === 0 ? 0 : Math.max(1, ends);
  return { words, sentences, syllables };
}

export function syllablesOf(word: string): number {
  const lower = word.toLowerCase();
  let count = lower.match(VOWELS)?.length ?? 0;
  // English's silent final e ("make", but not "table" or "be").
  if (count > 1 && /[^aeiouyl]e$/.test(lower)) count--;
  return Math.max(1, count);
}

export function addCounts(a: ProseCounts, b: ProseCounts): ProseCounts {
  return { words: a.words + b.words, sentences: a.sentences + b.sentences, syllables: a.syllables + b.syllables };
}

export function readingEase(counts: ProseCounts, lang = 'en'): Readability {
  const [base, perSentence, perSyllable] = CONSTANTS[lang.slice(0, 2).toLowerCase()] ?? ENGLISH;
  if (counts.words < 3 || counts.sentences === 0) return { ...counts, score: null, label: 'too short to score' };
  const raw = base - perSentence * (counts.words / counts.sentences) - perSyllable * (counts.syllables / counts.words);
  const score = Math.round(Math.min(100, Math.max(0, raw)));
  return { ...counts, score, label: easeLabel(score) };
}

export function easeLabel(score: number): string {
  if (score >= 80) return 'easy';
  if (score >= 60) return 'plain';
  if (score >= 50) return 'fairly hard';
  if (score >= 30) return 'hard';
  return 'very hard';
}

/// The paragraphs of a markdown body as plain prose, code blocks and display math removed.
export function proseParagraphs(body: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  let math = false;
  let current: string[] = [];
  const flush = () => {
    if (current.length) out.push(plainProse(current.join(' ')));
    current = [];
  };
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trim();
    const marker = /^(`{3,}|~{3,})/.exec(trimmed)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker) {
      flush();
      fence = marker;
      continue;
    }
    if (trimmed === '$$') {
      flush();
      math = !math;
      continue;
    }
    if (math || /^ {4,}|^\t/.test(line)) continue;
    if (trimmed === '') flush();
    // Headings, list items and table rows each stand alone.
    else if (/^(#{1,6}\s|[-*+]\s|\d+[.)]\s|\|)/.test(trimmed)) {
      flush();
      out.push(plainProse(trimmed));
    } else current.push(trimmed);
  }
  flush();
  return out.filter((paragraph) => paragraph.trim() !== '');
}

/// Markdown markup taken out of one paragraph: what remains is what a reader reads.
export function plainProse(text: string): string {
  let plain = text.replace(/`[^`\n]*`/g, ' ').replace(/\$\$?[^$\n]+\$\$?/g, ' ');
  plain = replaceLinks(plain, true, (alt) => alt);
  plain = replaceLinks(plain, false, (label) => label);
  plain = replaceTags(plain, ' ');
  plain = plain.replace(/<?\b(?:https?:\/\/|www\.)\S+>?/gi, ' ');
  return plain.replace(/^(#{1,6}|[-*+>]|\d+[.)]|\|)\s*/, '').replace(/[*_~|#>]+/g, ' ');
}

export function readabilityOf(markdownBody: string, lang = 'en'): Readability {
  return readingEase(proseParagraphs(markdownBody).map(countProse).reduce(addCounts, { words: 0, sentences: 0, syllables: 0 }), lang);
}
