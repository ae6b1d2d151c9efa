/// `postwright targets add … --math images` and `targets set NAME --math …`: the per-target
/// choice to send formulas as images, saved in the targets file and said back in plain words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { report, runTargets } from '../../../main/cli/publish';
import { MemorySecretStore } from '../../../main/publish/secrets';
import { PublishService } from '../../../main/publish/service';
import type { Services } from '../../../main/services';
import { MemoryStore } from '../publish/fakes';

const GOOD_PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';
/// A WordPress whose one user is an Author: signed in, no unfiltered_html.
async function fakeWordPress(url: string): Promise<Response> {
  const body = url.endsWith('/wp-json/') ? { name: 'Blog', namespaces: ['wp/v2'] } : { id: 1, name: 'Ada Lovelace', capabilities: { edit_posts: true } };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('math as images from the command line', () => {
  let store: MemoryStore;
  let publishing: PublishService;
  let printed: string;
  const run = (args: string[]) => runTargets({ publishing } as unknown as Services, args, (t) => (printed += t), async () => GOOD_PASSWORD);
  const settings = async () => (await publishing.targets.list())[0]?.settings as { math?: string } | undefined;

  beforeEach(() => {
    printed = '';
    store = new MemoryStore();
    publishing = new PublishService({ libraryRoot: store.root, store, secrets: new MemorySecretStore(), backend: { fetch: fakeWordPress } });
  });
  afterEach(() => {
    publishing.close();
    store.remove();
  });

  it('saves the choice on add, switches it with set, and keeps the password', async () => {
    expect(await run(['add', 'Lab blog', '--kind', 'wordpress', '--url', 'https://blog.example.com', '--username', 'ada', '--math', 'images'])).toBe(0);
    expect((await settings())?.math).toBe('images');
    await run(['list']);
    expect(printed).toMatch(/Lab blog\twordpress\t.*· formulas as images\n/);
    expect(await run(['set', 'Lab blog', '--math', 'markup'])).toBe(0);
    expect(printed).toContain('Lab blog: formulas now go out as MathML.');
    expect((await settings())?.math).toBe('markup');
    expect((await publishing.targets.list())[0]?.hasSecret).toBe(true);
  });

  it('refuses a value it does not know, in words, and changes nothing', async () => {
    await expect(run(['add', 'Lab blog', '--kind', 'wordpress', '--url', 'https://blog.example.com', '--username', 'ada', '--math', 'svg'])).rejects.toThrow(/--math is “images”.*or “markup”.*not “svg”/);
    expect(await publishing.targets.list()).toEqual([]);
    await run(['add', 'Lab blog', '--kind', 'wordpress', '--url', 'https://blog.example.com', '--username', 'ada']);
    await expect(run(['set', 'Lab blog', '--math', 'pictures'])).rejects.toThrow(/not “pictures”/);
    expect((await settings())?.math).toBeUndefined();
  });

  it('no longer warns that formulas will be removed once they go out as images, and offers it before', async () => {
    await run(['add', 'Lab blog', '--kind', 'wordpress', '--url', 'https://blog.example.com', '--username', 'ada']);
    const before = (await publishing.targets.test('Lab blog')).warnings?.join(' ') ?? '';
    expect(before).toMatch(/WordPress will remove formulas.*Publish math as images/);
    await run(['set', 'Lab blog', '--math', 'images']);
    const after = (await publishing.targets.test('Lab blog')).warnings?.join(' ') ?? '';
    expect(after).toMatch(/formulas go out as images/);
    expect(after).not.toMatch(/remove formulas|Publish math as images/);
  });

  it('after a publish whose formulas were removed, says the command that sends them as images', async () => {
    let said = '';
    const outcome = { kind: 'published' as const, target: 'Lab blog', url: 'https://blog.example.com/acids/', remoteId: '7', created: true, unchanged: false, uploaded: 0, reused: 0, warnings: ['WordPress removed all formulas.'], mathStripped: true };
    expect(await report(outcome, (t) => (said += t), async () => ({ title: '', body: '' }))).toBe(0);
    expect(said).toContain('Warning: WordPress removed all formulas.');
    expect(said).toContain('To publish math as images: postwright targets set "Lab blog" --math images, then publish again.');
  });
});
