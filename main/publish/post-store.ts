/// The pipeline's view of the Library: read a post, save it (recording a revision with the
/// reason), and find its folder.
import path from 'node:path';
import type { Library } from '../library/library';
import { resolveInside } from '../library/paths';
import type { PostStore } from './pipeline';

export function libraryPostStore(library: Library): PostStore {
  return {
    get: (id) => library.get(id),
    save: (id, text, baseHash, reason) => library.save(id, text, baseHash, reason),
    postDir: (id) => resolveInside(path.join(library.root, 'posts'), id),
  };
}
