/// The palette's filter: the typed letters in order anywhere in the name ("tbl" finds
/// "Insert table"), ranked so word starts and runs of letters come first.

export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let at = 0;
  let previous = -2;
  for (const char of q) {
    const found = t.indexOf(char, at);
    if (found < 0) return null;
    const wordStart = found === 0 || /[\s\-_./:]/.test(t[found - 1] ?? '');
    score += wordStart ? 10 : 1;
    if (found === previous + 1) score += 5;
    score -= Math.min(found - at, 5) * 0.5;
    previous = found;
    at = found + 1;
  }
  // Shorter names win ties: "Bold" before "Bold italic".
  return score - t.length * 0.01;
}

export function fuzzyFilter<T>(query: string, items: T[], text: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, text(item)) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}
