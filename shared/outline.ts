/// The headings of a post, for the outline: ATX (`## Title`) and setext (`Title` over `---`)
/// headings outside fenced code and outside the front matter.
export interface OutlineItem {
  level: number;
  text: string;
  /// 0-based line of the heading in the whole file.
  line: number;
}

export function outlineOf(text: string): OutlineItem[] {
  const lines = text.split(/\r?\n/);
  const items: OutlineItem[] = [];
  let start = 0;
  if (/^\uFEFF?---\s*$/.test(lines[0] ?? '')) {
    const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (close > 0) start = close + 1;
  }
  let fence: string | null = null;
  for (let index = start; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === null || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === null ? marker : null;
      continue;
    }
    if (fence !== null) continue;
    const atx = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx?.[1] && atx[2]) {
      items.push({ level: atx[1].length, text: plain(atx[2]), line: index });
      continue;
    }
    const next = lines[index + 1] ?? '';
    if (line.trim() && !/^ {0,3}[-*+>|]/.test(line) && /^ {0,3}(=+|-+)[ \t]*$/.test(next)) {
      items.push({ level: next.trim().startsWith('=') ? 1 : 2, text: plain(line.trim()), line: index });
      index++;
    }
  }
  return items;
}

function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .trim();
}
