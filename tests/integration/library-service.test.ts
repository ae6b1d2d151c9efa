/// The library service as the hosts use it: real folders, the real watcher.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../shared/api';
import { altFromFileName } from '../../shared/alt-text';
import { servicesPerTest } from './services-per-test';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const each = servicesPerTest('pw-lib-', { watch: true });
const { call } = each;

function nextChange(): Promise<EventOf<'posts.changed'>> {
  return new Promise((resolve) => {
    const stop = each.services.subscribe((event, payload) => {
      if (event === 'posts.changed' && (payload as EventOf<'posts.changed'>).id !== null) {
        stop();
        resolve(payload as EventOf<'posts.changed'>);
      }
    });
  });
}

describe('library service', () => {
  it('announces an edit made by another program, with its hash', async () => {
    const file = path.join(each.services.library.root, 'posts', 'welcome', 'index.md');
    const changed = nextChange();
    writeFileSync(file, '---\ntitle: Edited elsewhere\n---\nHello from vim.\n');
    const change = await changed;
    expect(change.id).toBe('welcome');
    const post = await call<{ hash: string; summary: { title: string } }>('posts.get', 'welcome');
    expect(change.hash).toBe(post.hash);
    expect(post.summary.title).toBe('Edited elsewhere');
    const listed = await call<Array<{ id: string; title: string }>>('posts.list');
    expect(listed.find((p) => p.id === 'welcome')?.title).toBe('Edited elsewhere');
  });

  it('lists a binary or oversized post that another program adds while it runs, with the reason', async () => {
    const list = () => call<Array<{ id: string; problem: string | null }>>('posts.list');
    for (const [id, bytes] of [
      ['photo-as-post', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x00])],
      ['huge-export', Buffer.alloc(21 * 1024 * 1024, 0x61)],
    ] as const) {
      mkdirSync(path.join(each.root, 'Blog', 'posts', id));
      writeFileSync(path.join(each.root, 'Blog', 'posts', id, 'index.md'), bytes);
      await expect.poll(async () => (await list()).find((post) => post.id === id)?.problem ?? null, { timeout: 20_000 }).toMatch(/\S/);
    }
  });

  it('does not mistake its own saves for outside edits', async () => {
    const events: Array<EventOf<'posts.changed'>> = [];
    each.services.subscribe((event, payload) => event === 'posts.changed' && events.push(payload as EventOf<'posts.changed'>));
    const post = await call<{ text: string; hash: string }>('posts.get', 'welcome');
    const saved = await call<{ hash: string }>('posts.save', { id: 'welcome', text: `${post.text}\nMore.\n`, baseHash: post.hash });
    await new Promise((resolve) => setTimeout(resolve, 600)); // let the watcher report, if it would
    expect(events.map((e) => e.hash)).toEqual([saved.hash]);
  });

  it('refuses a save over an outside edit, and loses nothing', async () => {
    const post = await call<{ text: string; hash: string }>('posts.get', 'welcome');
    const file = path.join(each.services.library.root, 'posts', 'welcome', 'index.md');
    writeFileSync(file, 'their version\n');
    await expect(call('posts.save', { id: 'welcome', text: 'my version\n', baseHash: post.hash })).rejects.toThrow(/^conflict: .*changed on disk/);
    expect(readFileSync(file, 'utf8')).toBe('their version\n');
    await call('posts.save', { id: 'welcome', text: 'my version\n', baseHash: null });
    expect(readFileSync(file, 'utf8')).toBe('my version\n');
  });

  it('stores a pasted image once, under its content hash, with alt text from its name', async () => {
    const data = PNG.toString('base64');
    const first = await call<{ file: string; alt: string }>('assets.add', { postId: 'welcome', name: 'tide-pool_sample.png', type: 'image/png', data });
    const second = await call<{ file: string }>('assets.add', { postId: 'welcome', name: 'copy.png', type: 'image/png', data });
    expect(first.file).toMatch(/^[0-9a-f]{16}\.png$/);
    expect(second.file).toBe(first.file);
    expect(first.alt).toBe('tide pool sample');
    expect(readFileSync(path.join(each.services.library.root, 'posts', 'welcome', first.file))).toEqual(PNG);
    await expect(call('assets.add', { postId: 'welcome', name: 'x.png', type: 'image/png', data: Buffer.from('<html>').toString('base64') })).rejects.toThrow(/not a valid PNG/);
    await expect(call('assets.add', { postId: '../..', name: 'x.png', type: 'image/png', data })).rejects.toThrow(/invalid-argument/);
  });

  it('opens another folder as a library and remembers both', async () => {
    const other = path.join(each.root, 'Second blog');
    const info = await call<{ root: string; postCount: number }>('library.open', other);
    expect(info).toMatchObject({ root: other, postCount: 1 });
    expect(each.services.library.root).toBe(other);
    const recent = await call<string[]>('library.recent');
    expect(recent.slice(0, 2)).toEqual([other, path.join(each.root, 'Blog')]);
  });
});

describe('alt text from a file name', () => {
  it.each([
    ['red-cabbage_indicator.JPG', 'red cabbage indicator'],
    ['IMG_0042.jpg', ''],
    ['Screenshot 2026-11-20 at 10.42.05.png', ''],
    ['sea star (close-up).webp', 'sea star (close up)'],
    ['image.png', ''],
    ['20261120.png', ''],
  ])('%s -> %s', (name, alt) => expect(altFromFileName(name)).toBe(alt));
});
