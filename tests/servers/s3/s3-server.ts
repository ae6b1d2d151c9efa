/// An S3-compatible server on 127.0.0.1 for the image-host tests: s3rver from npm (a devDependency),
/// run as its own process in its own group with a throwaway data folder. Debian 12's radosgw
/// (Ceph 16.2) cannot run without a Ceph cluster: its standalone `dbstore` backend and the
/// `rgw_backend_store` option arrived in Ceph 17. s3rver keeps Content-Type and Cache-Control and
/// refuses unknown access keys, but it does not check SigV4 signatures (a wrong secret passes)
/// nor enforce bucket policies or ACLs (every object is readable); see the README.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort, spawnGroup, waitFor } from '../process-group';

export const S3_ACCESS_KEY = 'S3RVER';
/// s3rver's own key pair is S3RVER/S3RVER, but it checks no signature: any secret passes, and
/// one unlike the key id lets a test look for it in files.
export const S3_SECRET = 'test-secret-7f3c9a-not-in-the-library';

export interface S3Server {
  /// http://127.0.0.1:port: the endpoint, path-style.
  endpoint: string;
  bucket: string;
  /// Where readers fetch the bucket's files.
  publicUrl: string;
  /// The keys stored in the bucket now.
  keys(): string[];
  stop(): Promise<void>;
}

const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('s3rver/package.json')), 'bin', 's3rver.js');

export async function startS3(bucket = 'blog-images'): Promise<S3Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'postwright-s3-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const group = spawnGroup(process.execPath, [bin, '-d', data, '-a', '127.0.0.1', '-p', String(port), '--no-vhost-buckets', '--configure-bucket', bucket], { log: path.join(dir, 'log') });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (!group.isRunning()) throw new Error(`s3rver exited; see ${path.join(dir, 'log')}`);
    return fetch(`${endpoint}/${bucket}/probe`).then((r) => r.status === 404, () => false);
  }, 20_000, 's3rver to answer');
  return {
    endpoint, bucket, publicUrl: `${endpoint}/${bucket}`,
    keys: () => walk(path.join(data, bucket)).filter((f) => f.endsWith('._S3rver_object')).map((f) => f.slice(0, -'._S3rver_object'.length)).sort(),
    async stop() {
      await group.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function walk(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}
