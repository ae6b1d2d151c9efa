/// `postwright render FILE.md`: the article HTML exactly as the preview shows it. Loaded on its
/// own by the command line, so rendering a file does not load the library, publishing or import.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { parsePostFile } from '../../shared/frontmatter';
import { renderArticle } from '../../shared/render';
import { createNodePurify } from '../render/node-purify';
import { UsageError } from './usage';

// Far below the post size limit: a file this small is checked here, and only a larger or
// undecodable one loads the library's post rules (and with them the API's schemas, zod).
const SMALL_FILE_BYTES = 1024 * 1024;

export async function runRender(file: string | undefined, out: (text: string) => void): Promise<number> {
  if (!file) throw new UsageError('render needs a markdown file: postwright render FILE.md');
  const text = await readMarkdown(file);
  const post = parsePostFile(text);
  // The file's own folder is the scope: the command reads only what the post names beside it.
  const dir = path.dirname(path.resolve(file));
  const { scienceRenderOptions } = await import('../science/render-options');
  const science = await scienceRenderOptions(post.data, { dir, root: libraryRootOf(dir) });
  for (const problem of science.problems) process.stderr.write(`postwright: ${problem}\n`);
  const { diagramOptions } = await import('../science/diagram-files');
  out(renderArticle(post.body, createNodePurify(), { ...science.options, diagrams: await diagramOptions(dir) }));
  out('\n');
  return 0;
}

/// The library a file lives in (the nearest folder up with a `.postwright` folder), or the
/// file's own folder: bibliographies are read within it, as the app reads them.
function libraryRootOf(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.postwright'))) return at;
    if (path.dirname(at) === at) return dir;
  }
}

/// The file by the app's own rules for a post (UTF-8 text, not too large), so the command refuses
/// what the app refuses, in the same words, instead of printing garbage.
async function readMarkdown(file: string): Promise<string> {
  const cannot = (error: NodeJS.ErrnoException) => new UsageError(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  const stat = await fs.stat(file).catch((error: NodeJS.ErrnoException) => Promise.reject(cannot(error)));
  if (!stat.isFile()) throw new UsageError(`Cannot read ${file}: it is not a file.`);
  const name = path.basename(file);
  if (stat.size > SMALL_FILE_BYTES) (await import('../library/post-file')).checkSize(stat.size, name);
  const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => Promise.reject(cannot(error)));
  return decodeSmall(bytes) ?? (await import('../library/post-file')).decodePost(bytes, name);
}

/// The text as `decodePost` reads it (UTF-8, byte-order mark kept), or null when it is not
/// plain UTF-8 text, for `decodePost` to refuse in the library's words.
function decodeSmall(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
