/// `postwright render FILE.md`: the article HTML exactly as the preview shows it. Loaded on its
/// own by the command line, so rendering a file does not load the library, publishing or import.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { parsePostFile } from '../../shared/frontmatter';
import { renderArticle } from '../../shared/render';
import { checkSize, decodePost } from '../library/post-file';
import { createNodePurify } from '../render/node-purify';
import { UsageError } from './usage';

export async function runRender(file: string | undefined, out: (text: string) => void): Promise<number> {
  if (!file) throw new UsageError('render needs a markdown file: postwright render FILE.md');
  const text = await readMarkdown(file);
  const post = parsePostFile(text);
  // The file's own folder is the scope: the command reads only what the post names beside it.
  const dir = path.dirname(path.resolve(file));
  const { scienceRenderOptions } = await import('../science/render-options');
  const science = await scienceRenderOptions(post.data, { dir, root: libraryRootOf(dir) });
  for (const problem of science.problems) process.stderr.write(`postwright: ${problem}\n`);
  out(renderArticle(post.body, createNodePurify(), science.options));
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
  checkSize(stat.size, name);
  return decodePost(await fs.readFile(file).catch((error: NodeJS.ErrnoException) => Promise.reject(cannot(error))), name);
}
