/// Heading ids the way GitHub makes them, so links bloggers already wrote keep
/// working: lower-case, punctuation and emoji dropped, each space becomes "-".
/// Letters of every script survive (`Über Café` -> `über-café`).
export function slugify(text: string): string {
  const slug = text
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
  return slug || 'section';
}
