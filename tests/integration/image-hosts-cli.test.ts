/// `postwright targets add` for image hosts, as a user types it (the built CLI), against s3rver:
/// the S3 secret comes from stdin and goes to the secret store, the add signs in first, bad
/// settings are refused with the field named, and publishing to an image host says what it is.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPostwright } from './cli-runner';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Server } from '../servers/s3/s3-server';

describe('postwright targets add with image hosts', () => {
  let s3: S3Server;
  let base: string;
  let library: string;

  const postwright = (args: string[], input?: string) => runPostwright(library, path.join(base, 'state'), args, input);

  beforeAll(async () => {
    s3 = await startS3();
    base = mkdtempSync(path.join(os.tmpdir(), 'pw-cli-img-'));
    library = path.join(base, 'Blog');
    mkdirSync(path.join(library, 'posts', 'osmosis'), { recursive: true });
    writeFileSync(path.join(library, 'posts', 'osmosis', 'index.md'), '---\ntitle: Osmosis\nstatus: published\n---\n\nSalt pulls water out.\n');
  }, 30_000);
  afterAll(async () => {
    await s3?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('adds an S3 host with its secret from stdin, signed in first, the secret kept out of the library', async () => {
    const added = await postwright(['targets', 'add', 'Photos', '--kind', 's3', '--endpoint', s3.endpoint, '--bucket', s3.bucket, '--public-url', s3.publicUrl, '--access-key', S3_ACCESS_KEY, '--prefix', 'blog/', '--password-stdin'], `${S3_SECRET}\n`);
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain(`Added Photos (${s3.bucket} at 127.0.0.1`);
    expect(readFileSync(path.join(library, '.postwright', 'targets.json'), 'utf8')).not.toContain(S3_SECRET);
  }, 60_000);

  it('lists and tests the S3 host', async () => {
    const list = await postwright(['targets', 'list']);
    expect(list.stdout).toContain(`Photos\timage-host\tImage host · S3 bucket ${s3.bucket} at ${s3.endpoint}`);
    expect((await postwright(['targets', 'test', 'Photos'])).stdout).toContain('Photos: ready,');
  }, 60_000);

  it('adds an uploader command with its arguments as given, and a Hugo site that names an image host', async () => {
    const added = await postwright(['targets', 'add', 'PicGo', '--kind', 'uploader', '--command', 'picgo', '--arg', 'upload', '--arg', '{file}', '--no-check']);
    expect(added.stdout).toContain('Added PicGo');
    const site = await postwright(['targets', 'add', 'Lab site', '--kind', 'hugo', '--repo', path.join(base, 'site'), '--image-host', 'Photos', '--no-check']);
    expect(site.stdout).toContain('Added Lab site');
    const saved = JSON.parse(readFileSync(path.join(library, '.postwright', 'targets.json'), 'utf8')) as { targets: Array<Record<string, unknown>> };
    expect(saved.targets).toContainEqual({ name: 'PicGo', kind: 'image-host', host: { type: 'command', command: ['picgo', 'upload', '{file}'], timeoutSeconds: 120 } });
    expect(saved.targets.find((t) => t.name === 'Lab site')).toMatchObject({ imageHost: 'Photos' });
  }, 60_000);

  it('refuses an S3 host without a bucket, naming the field, and saves nothing', async () => {
    const refused = await postwright(['targets', 'add', 'Broken', '--kind', 's3', '--endpoint', s3.endpoint, '--public-url', s3.publicUrl, '--access-key', S3_ACCESS_KEY, '--password-stdin'], 'x\n');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(/bucket name is 3–63/);
    expect((await postwright(['targets', 'list'])).stdout).not.toContain('Broken');
  }, 60_000);

  it('publishing a post to an image host says it holds images, not posts', async () => {
    const result = await postwright(['publish', 'osmosis', '--target', 'Photos']);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('“Photos” is an image host: it keeps the images of other targets, not posts.');
    expect(s3.keys()).toEqual([]);
  }, 60_000);
});
