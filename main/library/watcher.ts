/// Watches the library's posts for changes made by other programs (a text editor, git, a
/// sync client). Postwright's own saves are recognised by their content hash and ignored.
import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import { POST_FILE } from './post-file';

export interface PostFileChange {
  id: string;
  kind: 'changed' | 'removed';
}

export function watchPosts(postsDir: string, onChange: (change: PostFileChange) => void): () => Promise<void> {
  const watcher: FSWatcher = watch(postsDir, {
    ignoreInitial: true,
    depth: 1,
    // Temp files of the atomic writer and anything hidden are not posts.
    ignored: (file) => path.basename(file).startsWith('.') || file.endsWith('.pw-tmp'),
    awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 },
  });
  const report = (kind: PostFileChange['kind']) => (file: string) => {
    const relative = path.relative(postsDir, file).split(path.sep);
    if (relative.length === 2 && relative[1] === POST_FILE && relative[0]) onChange({ id: relative[0], kind });
    else if (relative.length === 1 && relative[0] && kind === 'removed') onChange({ id: relative[0], kind });
  };
  watcher.on('add', report('changed'));
  watcher.on('change', report('changed'));
  watcher.on('unlink', report('removed'));
  watcher.on('unlinkDir', report('removed'));
  watcher.on('error', () => undefined); // A vanished folder is reported through unlinkDir.
  return () => watcher.close();
}
