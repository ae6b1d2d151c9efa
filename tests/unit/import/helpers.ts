/// A temporary Library behind the import target, and a small image server on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Library } from '../../../main/library/library';
import { libraryImportTarget, type ImportTarget } from '../../../main/import/target';
import type { ImportPage, ImportSource, RemotePost } from '../../../main/import/source';
import { makePng } from '../../integration/publish-fixtures';

export async function tempLibrary(): Promise<{ root: string; library: Library; target: ImportTarget; remove(): Promise<void> }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pw-import-'));
  const library = await new Library(root).open();
  return {
    root,
    library,
    target: libraryImportTarget(library),
    async remove() {
      // The index is written in the background: let it finish before the folder goes.
      await library.close();
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

export interface ImageServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/// `/<anything>.png` answers a PNG whose colour depends on the name; `missing.png` is a 404;
/// `huge.png` is bigger than any test limit; `page.png` is HTML pretending to be an image.
export async function imageServer(): Promise<ImageServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const name = req.url ?? '/';
    requests.push(name);
    if (name.endsWith('missing.png')) return void res.writeHead(404).end('no');
    if (name.endsWith('page.png')) return void res.writeHead(200, { 'Content-Type': 'image/png' }).end('<html>not an image</html>');
    if (name.endsWith('huge.png')) return void res.writeHead(200, { 'Content-Type': 'image/png' }).end(makePng(400, 400, [1, 2, 3], true));
    const seed = [...name].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 251, 7);
    res.writeHead(200, { 'Content-Type': 'image/png' }).end(makePng(8, 8, [seed, 255 - seed, 90]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/// An in-memory source whose posts a test can change between runs.
export class MemorySource implements ImportSource {
  readonly label = 'a test blog';
  posts: RemotePost[] = [];
  constructor(
    readonly id = 'memory-test',
    readonly target: string | null = null,
    private readonly pageSize = 2,
  ) {}

  async *pages(signal: AbortSignal): AsyncIterable<ImportPage> {
    for (let i = 0; i < this.posts.length; i += this.pageSize) {
      signal.throwIfAborted();
      yield { posts: this.posts.slice(i, i + this.pageSize).map((p) => ({ ...p })), total: this.posts.length };
    }
  }
}

export function remotePost(n: number, extra: Partial<RemotePost> = {}): RemotePost {
  return {
    remoteId: String(n), title: `Post ${n}`, slug: `post-${n}`, html: `<p>Body ${n}</p>`, status: 'published',
    date: `2024-01-0${n}T10:00:00.000Z`, modified: null, tags: ['t'], categories: [], excerpt: null,
    url: `https://blog.example/post-${n}/`, ...extra,
  };
}
