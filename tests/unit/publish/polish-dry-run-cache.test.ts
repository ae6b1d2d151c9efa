/// The Publish dialog's dry run, asked again for a post that has not changed, answers from the
/// last one: nothing is rendered or prepared again (no progress), and the answer is the same.
/// Any change to what it read (the text, an image file, the targets, a publish) runs it afresh.
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishProgress } from '../../../shared/publish';
import { MemorySecretStore } from '../../../main/publish/secrets';
import { PublishService } from '../../../main/publish/service';
import { FakeBlog, MemoryStore } from './fakes';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452aaaa', 'hex');
const POST = '---\ntitle: Hello\nstatus: published\n---\nFirst words.\n\n![A](a.png)\n';

describe('the dry run, asked again', () => {
  let store: MemoryStore;
  let blog: FakeBlog;
  let service: PublishService;
  const dryRun = async () => {
    const steps: PublishProgress[] = [];
    const result = await service.publish('hello', 'blog', { dryRun: true }, (step) => steps.push(step));
    if (result.kind !== 'preview') throw new Error(`expected a preview, got ${result.kind}`);
    return { preview: result.preview, worked: steps.length > 0 };
  };

  beforeEach(async () => {
    store = new MemoryStore();
    blog = new FakeBlog();
    service = new PublishService({ libraryRoot: store.root, store, secrets: new MemorySecretStore(), outbox: { baseDelayMs: 60_000 }, publisher: () => blog });
    await service.targets.add({ settings: { name: 'blog', kind: 'static-git', repoPath: '/unused', generator: 'hugo' } as never });
    store.write('hello', POST, { 'a.png': PNG });
  });
  afterEach(() => {
    service.close();
    store.remove();
  });

  it('answers from the last one while nothing changed', async () => {
    const first = await dryRun();
    expect(first.worked).toBe(true);
    const again = await dryRun();
    expect(again.worked).toBe(false);
    expect(again.preview).toEqual(first.preview);
  });

  it('runs again when the text changes', async () => {
    await dryRun();
    store.texts.set('hello', POST.replace('First words.', 'First words, edited.'));
    const after = await dryRun();
    expect(after.worked).toBe(true);
    expect(after.preview.html).toContain('First words, edited.');
  });

  it('runs again when an image is replaced under the same name', async () => {
    const first = await dryRun();
    const file = path.join(store.postDir('hello'), 'a.png');
    writeFileSync(file, Buffer.concat([PNG, Buffer.from('more')]));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const after = await dryRun();
    expect(after.worked).toBe(true);
    expect(after.preview.assets[0]!.hash).not.toBe(first.preview.assets[0]!.hash);
  });

  it('runs again after a publish, and lists the image as already there', async () => {
    expect((await dryRun()).preview.assets[0]!.willUpload).toBe(true);
    await service.publish('hello', 'blog');
    const after = await dryRun();
    expect(after.worked).toBe(true);
    expect(after.preview.assets[0]!.willUpload).toBe(false);
  });

  it('runs again when the target’s settings change', async () => {
    await dryRun();
    await service.targets.update('blog', { settings: { name: 'blog', kind: 'static-git', repoPath: '/elsewhere', generator: 'hugo' } as never });
    expect((await dryRun()).worked).toBe(true);
  });
});
