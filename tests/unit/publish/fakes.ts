/// An in-memory blog and library for pipeline tests: the fake blog can lose answers, be edited
/// "by someone else", and counts what was sent.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PublishError } from '../../../main/publish/errors';
import type { PostStore } from '../../../main/publish/pipeline';
import type { AssetMode, LocalAsset, OutgoingPost, Publisher, RemoteAsset, RemotePost, RemoteSnapshot } from '../../../main/publish/publisher';

interface Stored {
  id: string;
  title: string;
  content: string;
  status: string;
  version: number;
}

export class FakeBlog implements Publisher {
  readonly label = 'Fake Blog';
  readonly capabilities: { assets: AssetMode; canonicalUrl: boolean; categories: boolean };
  posts = new Map<string, Stored>();
  media = new Map<string, RemoteAsset & { hash: string }>();
  calls: string[] = [];
  /// The next call of this name does its work and then throws this (a lost answer), or throws before.
  failNext: Partial<Record<'create' | 'update' | 'upload', { error: PublishError; afterWork: boolean }>> = {};
  private nextId = 1;

  constructor(assets: AssetMode = 'upload') {
    this.capabilities = { assets, canonicalUrl: false, categories: true };
  }

  async check(): Promise<string> {
    return 'tester';
  }

  async uploadAsset(asset: LocalAsset): Promise<RemoteAsset> {
    this.calls.push(`upload ${asset.file}`);
    const fail = this.take('upload');
    if (fail && !fail.afterWork) throw fail.error;
    const remote = { id: String(this.media.size + 1), url: `https://fake.test/media/${asset.hash.slice(0, 8)}-${path.basename(asset.file)}`, hash: asset.hash };
    this.media.set(remote.id, remote);
    if (fail) throw fail.error;
    return remote;
  }

  async findAsset(asset: LocalAsset): Promise<RemoteAsset | null> {
    this.calls.push(`findAsset ${asset.file}`);
    return [...this.media.values()].find((m) => m.hash === asset.hash) ?? null;
  }

  async find(post: OutgoingPost): Promise<RemoteSnapshot | null> {
    this.calls.push('find');
    const hit = [...this.posts.values()].find((p) => p.content.includes(post.key));
    return hit ? this.snap(hit) : null;
  }

  async get(id: string): Promise<RemoteSnapshot | null> {
    this.calls.push(`get ${id}`);
    const stored = this.posts.get(id);
    return stored ? this.snap(stored) : null;
  }

  async create(post: OutgoingPost): Promise<RemotePost> {
    this.calls.push('create');
    const fail = this.take('create');
    if (fail && !fail.afterWork) throw fail.error;
    const stored = { id: String(this.nextId++), title: post.title, content: this.body(post), status: post.status, version: 1 };
    this.posts.set(stored.id, stored);
    if (fail) throw fail.error;
    return this.snap(stored);
  }

  async update(remote: RemoteSnapshot, post: OutgoingPost): Promise<RemotePost> {
    this.calls.push(`update ${remote.id}`);
    const fail = this.take('update');
    if (fail && !fail.afterWork) throw fail.error;
    const stored = this.posts.get(remote.id)!;
    Object.assign(stored, { title: post.title, content: this.body(post), status: post.status, version: stored.version + 1 });
    if (fail) throw fail.error;
    return this.snap(stored);
  }

  holds(remote: RemoteSnapshot, post: OutgoingPost): boolean {
    return remote.content === this.body(post) && remote.title === post.title;
  }

  remoteHtml(remote: RemoteSnapshot): string {
    return remote.content.replace(/<!--.*?-->/g, '');
  }

  payload(post: OutgoingPost) {
    return { fields: { title: post.title, content: this.body(post) }, files: [] };
  }

  /// Someone edits the post on the blog.
  editRemotely(id: string, content: string, title?: string): void {
    const stored = this.posts.get(id)!;
    Object.assign(stored, { content, title: title ?? stored.title, version: stored.version + 1 });
  }

  private body(post: OutgoingPost): string {
    return `${post.html}<!--${post.key}-->`;
  }

  private snap(p: Stored): RemoteSnapshot {
    return { id: p.id, url: `https://fake.test/${p.id}`, modified: `v${p.version}`, modifiedAt: null, title: p.title, content: p.content, status: p.status };
  }

  private take(name: 'create' | 'update' | 'upload') {
    const fail = this.failNext[name];
    delete this.failNext[name];
    return fail;
  }
}

/// A PostStore over a temporary folder, with a hash check like Library.save's.
export class MemoryStore implements PostStore {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'pw-pipeline-'));
  texts = new Map<string, string>();
  saves: Array<{ id: string; reason: string }> = [];
  /// Called before each save: lets a test slip in an edit, as if the user saved meanwhile.
  beforeSave: ((id: string) => void) | null = null;

  async get(id: string) {
    const text = this.texts.get(id);
    if (text === undefined) throw Object.assign(new Error(`no post ${id}`), { code: 'not-found' });
    return { text, hash: hash(text) };
  }

  async save(id: string, text: string, baseHash: string | null, reason: string) {
    this.beforeSave?.(id);
    if (baseHash !== null && hash(this.texts.get(id) ?? '') !== baseHash) throw Object.assign(new Error('changed on disk'), { code: 'conflict' });
    this.texts.set(id, text);
    this.saves.push({ id, reason });
  }

  postDir(id: string): string {
    return path.join(this.root, 'posts', id);
  }

  write(id: string, text: string, files: Record<string, Buffer | string> = {}): void {
    this.texts.set(id, text);
    for (const [name, bytes] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(this.postDir(id), name)), { recursive: true });
      writeFileSync(path.join(this.postDir(id), name), bytes);
    }
    mkdirSync(this.postDir(id), { recursive: true });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
