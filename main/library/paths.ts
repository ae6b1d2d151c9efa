/// Names and places inside the library. Every path built from something a user, a file or the
/// renderer supplied goes through resolveInside, so nothing can reach outside the library folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const MAX_SLUG_LENGTH = 80;
/// File names are limited to 255 bytes; leave room for uniqueSlug's `-N` and a temp file's affixes.
const MAX_SLUG_BYTES = 160;
const RESERVED = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$/;
/// Letters NFKD does not split into an ASCII base and a mark.
const FOLDS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŧ: 't', ĸ: 'k', ŋ: 'ng',
};

export class PathOutsideLibraryError extends Error {
  override name = 'PathOutsideLibraryError';
  constructor(
    readonly root: string,
    readonly requested: string,
  ) {
    super(`“${requested.replace(/\0/g, '\\0')}” is outside the library folder.`);
  }
}

/// Why a folder name cannot travel between Linux, macOS and Windows, or null when it can.
/// Windows refuses device names (even with an extension: `nul.md`), a trailing dot or space, and
/// `<>:"|?*`; macOS stores names decomposed, so a name must be in NFC to keep one spelling.
export function portableIdProblem(id: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what Windows refuses
  if (/[<>:"|?*\\/\0-\x1f]/.test(id)) return 'Windows cannot store a folder name with < > : " | ? * \\ / or control characters';
  if (/^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i.test(id.trim())) return 'Windows keeps that name for a device';
  if (/[. ]$/.test(id)) return 'Windows cannot store a folder name that ends with a dot or a space';
  if (id !== id.normalize('NFC')) return 'it is not in the standard (NFC) Unicode form, so it would be a different folder on a Mac';
  return null;
}

/// Whether two folder names are one folder somewhere: Windows and macOS ignore case, and macOS and
/// sync clients do not tell Unicode normalization forms apart.
export function sameOnEverySystem(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFC').toLowerCase();
  return fold(a) === fold(b);
}

export function slugify(title: string): string {
  let out = '';
  let keptForeign = false; // a mark stays only on a letter we kept as is, e.g. Devanagari vowel signs
  for (const ch of title.normalize('NFC').toLowerCase()) {
    const folded = (FOLDS[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase();
    if (folded === '' && /\p{M}/u.test(ch)) {
      if (keptForeign) out += ch;
    } else if (/(?![\0-\x7f])[\p{L}\p{N}]/u.test(folded)) {
      out += ch; // no ASCII form (CJK, Cyrillic, Hangul…): keep the letter rather than lose the title
      keptForeign = true;
    } else {
      out += folded.replace(/[^a-z0-9]+/g, '-');
      keptForeign = false;
    }
  }
  let slug = trimDashes(out.replace(/-+/g, '-'));
  const chars = Array.from(slug.normalize('NFC'));
  while (chars.length > MAX_SLUG_LENGTH || Buffer.byteLength(chars.join('')) > MAX_SLUG_BYTES) chars.pop();
  slug = trimDashes(chars.join(''));
  if (slug === '' || slug === '.' || slug === '..') return 'untitled';
  return RESERVED.test(slug) ? `${slug}-post` : slug;
}

function trimDashes(s: string): string {
  return s.replace(/^-+|-+$/g, '');
}

export async function uniqueSlug(base: string, exists: (slug: string) => Promise<boolean>): Promise<string> {
  if (!(await exists(base))) return base;
  for (let n = 2; n < 10_000; n++) {
    const suffix = `-${n}`;
    const candidate = `${trimDashes(Array.from(base).slice(0, MAX_SLUG_LENGTH - suffix.length).join(''))}${suffix}`;
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`There are too many posts named “${base}”.`);
}

/// Lexical check only, no disk access: use resolveInsideReal when the path may hold a symlink.
/// Backslashes count as separators everywhere, so a library synced from Windows means the same thing.
export function resolveInside(root: string, ...segments: string[]): string {
  const requested = segments.join('/');
  const outside = () => new PathOutsideLibraryError(root, requested);
  if (root.includes('\0')) throw outside();
  const parts: string[] = [];
  for (const segment of segments) {
    if (segment.includes('\0') || /^[a-zA-Z]:/.test(segment) || /^[\\/]/.test(segment) || path.isAbsolute(segment))
      throw outside();
    parts.push(path.sep === '/' ? segment.replace(/\\/g, '/') : segment);
  }
  const base = path.resolve(root);
  const result = path.resolve(base, ...parts);
  if (!isInside(base, result)) throw outside();
  return result;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/// Also follows symlinks (existing or dangling) to where they really lead.
export async function resolveInsideReal(root: string, ...segments: string[]): Promise<string> {
  const result = resolveInside(root, ...segments);
  const realRoot = await realpathLoose(path.resolve(root), 0);
  if (!isInside(realRoot, await realpathLoose(result, 0))) throw new PathOutsideLibraryError(root, segments.join('/'));
  return result;
}

/// realpath for a path that may not exist yet: resolve the part that does, keep the rest.
async function realpathLoose(p: string, depth: number): Promise<string> {
  if (depth > 40) throw Object.assign(new Error(`Too many symbolic links at ${p}`), { code: 'ELOOP' });
  try {
    return await fs.realpath(p);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const parent = path.dirname(p);
  if (parent === p) return p;
  const realParent = await realpathLoose(parent, depth + 1);
  const stat = await fs.lstat(p).catch(() => null);
  // A dangling link still decides where a write would land.
  if (stat?.isSymbolicLink()) return realpathLoose(path.resolve(realParent, await fs.readlink(p)), depth + 1);
  return path.join(realParent, path.basename(p));
}
