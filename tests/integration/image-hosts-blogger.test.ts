/// Blogger stores no images, so a Blogger target names an image host. Against real servers on
/// 127.0.0.1: the Blogger contract server for the post, and for the images an S3-compatible
/// server (s3rver), a bare git repository served over HTTP as a file CDN would, or the blogger's
/// own uploader command (a PicGo stand-in in tests/fixtures). Every image URL of the published
/// post is fetched: it must answer 200 with the post's own bytes, and a republish uploads nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bloggerSecret } from '../../main/publish/blogger-api';
import type { PublishService } from '../../main/publish/service';
import type { ImageHostSettings } from '../../shared/publish';
import { startBloggerContract, type BloggerContract } from '../servers/blogger-contract';
import { fromFolder, fromGitBranch, startFileServer, type FileServer } from '../servers/file-server';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Server } from '../servers/s3/s3-server';
import { makeLibrary, makePng, POST_ID, postText, type TestLibrary } from './publish-fixtures';

const CLIENT_ID = 'desktop-client.apps.googleusercontent.com';
const BLOG = '3141592653589793238';
const FIXTURE = path.resolve(__dirname, '../fixtures/fake-picgo.cjs');
/// The rich post uses jar.png twice.
const RICH = postText('\n![The jar again, a week later](jar.png)\n');

let google: BloggerContract;
beforeAll(async () => {
  google = await startBloggerContract();
  Object.assign(process.env, google.env);
});
afterAll(() => google?.stop());

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
  google.posts.clear();
});

async function blogWithImageHost(host: ImageHostSettings, secret?: string): Promise<{ lib: TestLibrary; service: PublishService }> {
  const lib = await makeLibrary();
  lib.writePost(RICH);
  const service = lib.service();
  cleanups.push(() => lib.remove(), () => service.close());
  await service.targets.add({ settings: { name: 'pictures', kind: 'image-host', host }, secret });
  await service.targets.add({
    settings: { name: 'science', kind: 'blogger', blogId: BLOG, blogUrl: 'http://gut-feelings.blogspot.test', clientId: CLIENT_ID, mediaTarget: 'pictures' },
    secret: bloggerSecret({ refreshToken: google.grant('u1', CLIENT_ID), clientSecret: 'GOCSPX-desktop-secret' }),
  });
  return { lib, service };
}

/// The image addresses of the post as Blogger has it, in order, repeats included.
function imagesOnBlogger(): string[] {
  const [post] = [...google.posts.values()];
  return [...post!.content.matchAll(/<img[^>]*src="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/// Publishes the rich post, fetches every image and checks the bytes, then republishes.
async function publishesRichPostWithWorkingImages(lib: TestLibrary, service: PublishService, storedCount: () => number): Promise<string[]> {
  const first = await service.publish(POST_ID, 'science');
  // jar.png (used twice), img/crock.png and the cover: three files, each uploaded once.
  expect(first).toMatchObject({ kind: 'published', created: true, uploaded: 3 });
  expect(first).not.toHaveProperty('brokenImages');
  expect(storedCount()).toBe(3);
  const images = imagesOnBlogger();
  expect(images).toHaveLength(3);
  expect(images[2]).toBe(images[0]);
  const postDir = path.join(lib.root, 'posts', POST_ID);
  for (const [url, file] of [[images[0]!, 'jar.png'], [images[1]!, 'img/crock.png']] as const) {
    const reply = await fetch(url);
    expect(reply.status, url).toBe(200);
    expect(Buffer.from(await reply.arrayBuffer()).equals(readFileSync(path.join(postDir, file))), `${url} serves ${file}`).toBe(true);
  }

  // Nothing changed: nothing is sent or uploaded. A text edit: the post is sent, no image is.
  expect(await service.publish(POST_ID, 'science')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
  await lib.rewrite(`${RICH}\nOne more line.\n`);
  expect(await service.publish(POST_ID, 'science')).toMatchObject({ kind: 'published', created: false, unchanged: false, uploaded: 0 });
  expect(storedCount()).toBe(3);
  expect(google.posts.size).toBe(1);
  return images;
}

describe('Blogger with an S3-compatible image host (s3rver)', () => {
  let s3: S3Server;
  beforeAll(async () => {
    s3 = await startS3();
  }, 30_000);
  afterAll(() => s3?.stop());
  const settings = (): Extract<ImageHostSettings, { type: 's3' }> => ({ type: 's3', endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', prefix: 'blog/', publicUrl: s3.publicUrl, accessKeyId: S3_ACCESS_KEY });
  let before = 0;

  it('publishes the rich post with every image answering, long-cached, under readable hashed keys; a republish uploads nothing', async () => {
    before = s3.keys().length;
    const { lib, service } = await blogWithImageHost(settings(), S3_SECRET);
    const images = await publishesRichPostWithWorkingImages(lib, service, () => s3.keys().length - before);
    const reply = await fetch(images[0]!);
    expect(reply.headers.get('content-type')).toBe('image/png');
    expect(reply.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(s3.keys()).toEqual(expect.arrayContaining([expect.stringMatching(/^blog\/\d{4}\/\d{2}\/jar-[0-9a-f]{6}\.png$/), expect.stringMatching(/^blog\/\d{4}\/\d{2}\/crock-[0-9a-f]{6}\.png$/)]));
    // The secret is in the secret store, not in the library.
    expect(lib.filesContaining(S3_SECRET).filter((f) => f.startsWith(lib.root))).toEqual([]);
  }, 60_000);

  it('says which key is wrong when the server does not know the access key, and sends no post', async () => {
    const { service } = await blogWithImageHost({ ...settings(), accessKeyId: 'NOT-A-KEY' }, 'whatever');
    await expect(service.publish(POST_ID, 'science')).rejects.toThrow(/access key id is not known there/);
    expect(google.posts.size).toBe(0);
  }, 60_000);

  it('switching an existing blog to another host keeps published images where they are; only new images go to the new host', async () => {
    const { lib, service } = await blogWithImageHost(settings(), S3_SECRET);
    await service.publish(POST_ID, 'science');
    const onS3 = imagesOnBlogger();
    const git = await gitImageRepo();
    cleanups.push(() => git.stop());
    await service.targets.add({ settings: { name: 'repo-images', kind: 'image-host', host: git.host } });
    const blogger = (await service.targets.list()).find((t) => t.settings.name === 'science')!.settings;
    if (blogger.kind !== 'blogger') throw new Error('science is a Blogger target');
    await service.targets.update('science', { settings: { ...blogger, mediaTarget: 'repo-images' } });

    expect(await service.publish(POST_ID, 'science')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
    writeFileSync(path.join(lib.root, 'posts', POST_ID, 'graph.png'), makePng(20, 20, [10, 10, 10]));
    await lib.rewrite(`${RICH}\n![A new graph](graph.png)\n`);
    expect(await service.publish(POST_ID, 'science')).toMatchObject({ kind: 'published', uploaded: 1 });
    const now = imagesOnBlogger();
    expect(now.slice(0, 3)).toEqual(onS3);
    expect(now[3]!.startsWith(`${git.server.url}/`)).toBe(true);
    for (const url of now) expect((await fetch(url)).status, url).toBe(200);
  }, 90_000);
});

/// A bare repository as the remote, a clone to commit into, and a file server in front of the
/// bare repository's main branch, as jsDelivr is in front of GitHub.
async function gitImageRepo(): Promise<{ host: ImageHostSettings; bare: string; server: FileServer; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pw-imgrepo-'));
  const bare = path.join(dir, 'images.git');
  const clone = path.join(dir, 'clone');
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'pipe' });
  git(dir, 'init', '--quiet', '--bare', '-b', 'main', bare);
  git(dir, 'clone', '--quiet', bare, clone);
  git(clone, 'switch', '--quiet', '-c', 'main');
  writeFileSync(path.join(clone, 'README.md'), 'Images for my blog.\n');
  git(clone, 'add', 'README.md');
  git(clone, 'commit', '--quiet', '-m', 'start');
  git(clone, 'push', '--quiet', 'origin', 'main');
  const server = await startFileServer(fromGitBranch(bare, 'main'));
  return {
    host: { type: 'git', repoPath: clone, branch: 'main', remote: 'origin', folder: 'images/', publicUrl: `${server.url}/{path}` },
    bare, server,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('Blogger with a git repository as image host', () => {
  it('publishes the rich post with images committed and pushed once, every URL answering; a republish uploads nothing', async () => {
    const repo = await gitImageRepo();
    cleanups.push(() => repo.stop());
    const { lib, service } = await blogWithImageHost(repo.host);
    const files = () => execFileSync('git', ['--git-dir', repo.bare, 'ls-tree', '-r', '--name-only', 'main', 'images/'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const images = await publishesRichPostWithWorkingImages(lib, service, () => files().length);
    expect(images[0]).toMatch(new RegExp(`^${repo.server.url}/images/\\d{4}/\\d{2}/jar-[0-9a-f]{6}\\.png$`));
  }, 90_000);
});

/// The blogger's own uploader command: a PicGo stand-in that copies into a folder a file server serves.
async function uploader(): Promise<{ count: () => number; server: FileServer; command: string[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pw-uploads-'));
  mkdirSync(dir, { recursive: true });
  const server = await startFileServer(fromFolder(dir));
  cleanups.push(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const count = () => readdirSync(dir).length;
  return { count, server, command: [process.execPath, FIXTURE, 'upload', '{file}', '--into', dir, '--base', server.url] };
}

describe('Blogger with the blogger’s own uploader command', () => {
  it('publishes the rich post with the URLs the command printed, every one answering; a republish runs it no more', async () => {
    const { server, command, count } = await uploader();
    const { lib, service } = await blogWithImageHost({ type: 'command', command, timeoutSeconds: 60 });
    const images = await publishesRichPostWithWorkingImages(lib, service, count);
    expect(images[0]!.startsWith(`${server.url}/`)).toBe(true);
  }, 60_000);

  it('a failing uploader stops the publish with what it said, and no post is sent', async () => {
    const { command } = await uploader();
    const { service } = await blogWithImageHost({ type: 'command', command: [...command, '--fail'], timeoutSeconds: 60 });
    await expect(service.publish(POST_ID, 'science')).rejects.toThrow(/exit code 1: \[PicGo ERROR\]: .*bad token/);
    expect(google.posts.size).toBe(0);
  }, 60_000);
});

describe('a 4,000 px phone photo with its location, on every image host', () => {
  let photo: Buffer;
  let s3: S3Server;
  beforeAll(async () => {
    // As a phone takes it: 4,000 px wide, the camera's make and the place it was taken.
    photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 120, g: 160, b: 90 } } })
      .jpeg({ quality: 90 })
      .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Pocket 12' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 39/1' } })
      .toBuffer();
    s3 = await startS3();
  }, 60_000);
  afterAll(() => s3?.stop());

  const hosts: Record<string, () => Promise<{ host: ImageHostSettings; secret?: string }>> = {
    S3: async () => ({ host: { type: 's3', endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', prefix: 'photos/', publicUrl: s3.publicUrl, accessKeyId: S3_ACCESS_KEY }, secret: S3_SECRET }),
    git: async () => {
      const repo = await gitImageRepo();
      cleanups.push(() => repo.stop());
      return { host: repo.host };
    },
    'uploader command': async () => {
      const { command } = await uploader();
      return { host: { type: 'command', command, timeoutSeconds: 60 } };
    },
  };

  for (const [name, make] of Object.entries(hosts)) {
    it(`${name}: goes up once, 2,000 px wide, without the location or camera; the local file is untouched; a republish uploads nothing`, async () => {
      const { host, secret } = await make();
      const { lib, service } = await blogWithImageHost(host, secret);
      const file = path.join(lib.root, 'posts', POST_ID, 'kitchen.jpg');
      writeFileSync(file, photo);
      await lib.rewrite(`${RICH}\n![Radish seedlings on our kitchen window](kitchen.jpg)\n`);
      expect(await service.publish(POST_ID, 'science')).toMatchObject({ kind: 'published', uploaded: 4 });
      const url = imagesOnBlogger().at(-1)!;
      const reply = await fetch(url);
      expect(reply.status, url).toBe(200);
      const sent = await sharp(Buffer.from(await reply.arrayBuffer())).metadata();
      expect(sent).toMatchObject({ width: 2000, height: 1500, format: 'webp' });
      expect(sent.exif).toBeUndefined();
      expect(readFileSync(file).equals(photo)).toBe(true);
      expect(await service.publish(POST_ID, 'science')).toMatchObject({ kind: 'published', unchanged: true, uploaded: 0 });
    }, 120_000);
  }
});
