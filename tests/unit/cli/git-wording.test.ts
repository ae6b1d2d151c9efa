/// A git target (Hugo, Jekyll) has no account and uploads nothing: the CLI speaks of branches
/// and commits for it, and keeps "signed in" and "uploaded" for the blogs that have them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { report, runTargets } from '../../../main/cli/publish';
import { MemorySecretStore } from '../../../main/publish/secrets';
import { PublishService } from '../../../main/publish/service';
import type { Services } from '../../../main/services';
import { hasGit, makeHugoSite, type StaticSite } from '../../servers/static-site';
import { MemoryStore } from '../publish/fakes';

const published = { kind: 'published' as const, target: 'Site', url: 'http://blog.example.test/posts/osmosis/', remoteId: 'content/posts/osmosis/index.md', created: true, unchanged: false, uploaded: 0, reused: 2 };
const noPost = async () => ({ title: '', body: '' });

describe('CLI wording for git targets', () => {
  it('a publish to a git target says it committed to the branch, with its images in the commit', async () => {
    let printed = '';
    expect(await report(published, (t) => (printed += t), noPost, 'main')).toBe(0);
    expect(printed).toBe('Committed and pushed to branch main: http://blog.example.test/posts/osmosis/\nImages: 2 in the commit, beside the post.\n');
  });

  it('a blog still speaks of uploads', async () => {
    let printed = '';
    await report({ ...published, uploaded: 1, reused: 1 }, (t) => (printed += t), noPost);
    expect(printed).toContain('Images: 1 uploaded, 1 already there.');
  });
});

describe.skipIf(!hasGit)('postwright targets test on a git target', () => {
  let site: StaticSite;
  let store: MemoryStore;
  let publishing: PublishService;

  beforeEach(async () => {
    site = await makeHugoSite();
    store = new MemoryStore();
    publishing = new PublishService({ libraryRoot: store.root, store, secrets: new MemorySecretStore() });
  });
  afterEach(async () => {
    publishing.close();
    store.remove();
    await site.remove();
  });

  it('names the branch and the remote, not an account', async () => {
    const services = { publishing } as unknown as Services;
    await runTargets(services, ['add', 'Site', '--kind', 'hugo', '--repo', site.clone], () => undefined, async () => '');
    let printed = '';
    expect(await runTargets(services, ['test', 'Site'], (t) => (printed += t), async () => '')).toBe(0);
    expect(printed).toBe(`Site: ready to commit to branch main of ${site.clone} and push it to origin.\n`);
  }, 30_000);
});
