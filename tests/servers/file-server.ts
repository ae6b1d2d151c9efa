/// A small static file server on 127.0.0.1 standing in for a file CDN (jsDelivr, a forge's raw
/// files, an uploader's storage): each request path is looked up by a function the test gives,
/// for instance a file of a bare git repository's branch.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';

export interface FileServer {
  url: string;
  /// Paths asked for, in order.
  requests: string[];
  stop(): Promise<void>;
}

export async function startFileServer(lookup: (filePath: string) => Promise<Buffer | null>): Promise<FileServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const filePath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    requests.push(filePath);
    void lookup(filePath).then(
      (bytes) => {
        if (!bytes) return void res.writeHead(404).end('not found');
        res.writeHead(200, { 'Content-Length': bytes.length, 'Content-Type': 'application/octet-stream' });
        res.end(req.method === 'HEAD' ? undefined : bytes);
      },
      () => void res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/// Files of `branch` in a bare repository, as a CDN for it serves them.
export function fromGitBranch(bare: string, branch: string): (filePath: string) => Promise<Buffer | null> {
  return (filePath) =>
    new Promise((resolve) => {
      execFile('git', ['--git-dir', bare, 'show', `${branch}:${filePath}`], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => resolve(error ? null : stdout));
    });
}

/// Files under a folder, refusing anything outside it.
export function fromFolder(dir: string): (filePath: string) => Promise<Buffer | null> {
  return async (filePath) => {
    const full = path.resolve(dir, filePath);
    if (!full.startsWith(dir + path.sep)) return null;
    return readFile(full).catch(() => null);
  };
}
