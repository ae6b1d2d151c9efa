/// Reading a post's file by the library's rules: UTF-8 text only, at most MAX_POST_BYTES, and never
/// through a symlink that leads outside the library. Shared by the index, the trash and (once the
/// lead switches it over) Library itself, so every part of the app refuses the same files.
import { createHash } from 'node:crypto';
import { promises as nodeFs, realpathSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PostId, StudioError, type PostSummary } from '../../shared/api';
import { PathOutsideLibraryError, resolveInside, resolveInsideReal } from './paths';

export const POST_FILE = 'index.md';
/// Larger files are listed with a reason instead of being opened in the editor.
export const MAX_POST_BYTES = 20 * 1024 * 1024;

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/// Injected by tests to count or fail reads.
export type ReadBytes = (file: string) => Promise<Uint8Array>;

export interface PostText {
  text: string;
  modifiedMs: number;
  size: number;
}

export interface ReadOptions {
  /// Links may lead anywhere inside this folder (the library root); by default only inside `dir`.
  root?: string;
  readBytes?: ReadBytes;
}

/// Reads `<dir>/<id>/index.md`, where dir is the library's `posts/` (or the trash). Throws
/// StudioError: 'not-found' when there is no such file, 'invalid-argument' (with a message for the
/// blogger) when it is not a readable post.
export async function readPostText(dir: string, id: string, options: ReadOptions = {}): Promise<PostText> {
  checkId(id);
  const root = options.root ?? dir;
  let file: string;
  try {
    file = await resolveInsideReal(root, path.relative(root, dir), id, POST_FILE);
  } catch (error) {
    if (error instanceof PathOutsideLibraryError) throw linkedOutside(id);
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw linkLoop(id);
    throw error;
  }
  const stat = await nodeFs.stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ELOOP') throw linkLoop(id);
    return null;
  });
  if (!stat || !stat.isFile()) throw new StudioError('not-found', `There is no post “${id}”.`);
  checkSize(stat.size, id);
  const bytes = options.readBytes ? await options.readBytes(file) : await nodeFs.readFile(file);
  return { text: decodePost(bytes, id), modifiedMs: stat.mtimeMs, size: stat.size };
}

/// The same rules, synchronously, for the few places that cannot wait (search snippets).
/// Returns null instead of throwing.
export function readPostTextSync(dir: string, id: string, options: { root?: string } = {}): string | null {
  try {
    checkId(id);
    const file = resolveInside(dir, id, POST_FILE);
    const rel = path.relative(realpathSync.native(options.root ?? dir), realpathSync.native(file));
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_POST_BYTES) return null;
    return decodePost(readFileSync(file), id);
  } catch {
    return null;
  }
}

function checkId(id: string): void {
  if (typeof id !== 'string' || !PostId.safeParse(id).success) {
    throw new StudioError('invalid-argument', `“${String(id).slice(0, 80)}” is not a post id.`);
  }
}

export function checkSize(size: number, id: string): void {
  if (size > MAX_POST_BYTES) {
    throw new StudioError('invalid-argument', `“${id}” is ${Math.round(size / 1048576)} MB, too large to open as a post.`);
  }
}

export function decodePost(bytes: Uint8Array, id: string): string {
  if (bytes.includes(0)) throw notText(id);
  try {
    // ignoreBOM keeps a byte-order mark in the text, so saving writes it back.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw notText(id);
  }
}

/// What the post list shows for a post that cannot be read.
export function problemSummary(id: string, problem: string, modifiedMs = 0): PostSummary {
  return { id, title: id, status: 'draft', date: null, updated: null, tags: [], excerpt: '', problem, modifiedMs };
}

function notText(id: string): StudioError {
  return new StudioError('invalid-argument', `“${id}” is not a UTF-8 text file, so Postwright will not open or change it.`);
}

function linkLoop(id: string): StudioError {
  return new StudioError('invalid-argument', `“${id}” is a link that leads back to itself (a link loop), so Postwright cannot open or change it.`);
}

function linkedOutside(id: string): StudioError {
  return new StudioError('invalid-argument', `“${id}” links to a file outside the library, so Postwright will not open it.`);
}
