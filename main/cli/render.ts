/// `postwright render FILE.md`: the article HTML exactly as the preview shows it. Loaded on its
/// own by the command line, so rendering a file does not load the library, publishing or import.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parsePostFile } from '../../shared/frontmatter';
import { renderArticle } from '../../shared/render';
import { checkSize, decodePost } from '../library/post-file';
import { createNodePurify } from '../render/node-purify';
import { UsageError } from './usage';

export async function runRender(file: string | undefined, out: (text: string) => void): Promise<number> {
  if (!file) throw new UsageError('render needs a markdown file: postwright render FILE.md');
  const text = await readMarkdown(file);
  out(renderArticle(parsePostFile(text).body, createNodePurify()));
  out('\n');
  return 0;
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
