/// The targets file is shared (synced, put in git), so it must not be a way to run programs on
/// the blogger's computer: an uploader command only runs if it was set up here, through the
/// app or the CLI. One written into the targets file by someone else is refused, not run.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bloggerSecret } from '../../../main/publish/blogger-api';
import { startBloggerContract, type BloggerContract } from '../../servers/blogger-contract';
import { fromFolder, startFileServer, type FileServer } from '../../servers/file-server';
import { makeLibrary, POST_ID, type TestLibrary } from '../publish-fixtures';

const CLIENT_ID = 'desktop-client.apps.googleusercontent.com';
const FIXTURE = path.resolve(__dirname, '../../fixtures/fake-picgo.cjs');

let google: BloggerContract;
let lib: TestLibrary;
let files: FileServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pw-uploads-'));
  [google, lib, files] = await Promise.all([startBloggerContract(), makeLibrary(), startFileServer(fromFolder(dir))]);
  Object.assign(process.env, google.env);
  lib.writePost();
});
afterAll(async () => {
  lib?.remove();
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([google?.stop(), files?.stop()]);
});

it('an uploader command put into the targets file by someone else is not run', async () => {
  const service = lib.service();
  const honest = [process.execPath, FIXTURE, 'upload', '{file}', '--into', dir, '--base', files.url];
  await service.targets.add({ settings: { name: 'pictures', kind: 'image-host', host: { type: 'command', command: honest, timeoutSeconds: 60 } } });
  await service.targets.add({
    settings: { name: 'science', kind: 'blogger', blogId: '3141592653589793238', blogUrl: 'http://gut-feelings.blogspot.test', clientId: CLIENT_ID, mediaTarget: 'pictures' },
    secret: bloggerSecret({ refreshToken: google.grant('u1', CLIENT_ID), clientSecret: 'GOCSPX-desktop-secret' }),
  });

  // A pulled commit changes the command to a program of the attacker's choosing.
  const marker = path.join(dir, 'attacker-was-here');
  const evil = [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); console.log('https://evil.example/x.png')`];
  const file = path.join(lib.root, '.postwright', 'targets.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { targets: Array<{ name: string; host?: { command: string[] } }> };
  json.targets.find((t) => t.name === 'pictures')!.host!.command = evil;
  writeFileSync(file, JSON.stringify(json));

  await expect(service.publish(POST_ID, 'science')).rejects.toThrow(/did not run the uploader .*not set up on this computer/);
  expect(existsSync(marker)).toBe(false);
  expect(google.posts.size).toBe(0);

  // The command set up on this computer, put back, runs again.
  json.targets.find((t) => t.name === 'pictures')!.host!.command = honest;
  writeFileSync(file, JSON.stringify(json));
  expect(await service.publish(POST_ID, 'science')).toMatchObject({ kind: 'published', uploaded: 3 });
  service.close();
}, 60_000);
