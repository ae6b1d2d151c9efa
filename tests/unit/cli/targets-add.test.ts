/// `postwright targets add` signs in before it saves, against a stand-in WordPress that answers
/// as WordPress does (bodies as wp-includes/user.php and rest-api.php send them).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTargets } from '../../../main/cli/publish';
import { MemorySecretStore } from '../../../main/publish/secrets';
import { PublishService } from '../../../main/publish/service';
import type { Services } from '../../../main/services';
import { MemoryStore } from '../publish/fakes';

export const GOOD_PASSWORD = 'abcd EFGH 1234 ijkl MNOP 5678';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/// Answers like a WordPress with one user, ada, whose application password is GOOD_PASSWORD.
export async function fakeWordPress(url: string, init?: RequestInit): Promise<Response> {
  if (url.endsWith('/wp-json/')) return json(200, { name: 'Blog', namespaces: ['wp/v2'] });
  const auth = new Headers(init?.headers).get('Authorization') ?? '';
  const [user, password] = Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8').split(/:(.*)/s);
  if (user !== 'ada') return json(401, { code: 'invalid_username', message: '<strong>Error:</strong> Unknown username. Check again or try your email address.', data: { status: 401 } });
  if (password?.replace(/[^a-z\d]/gi, '') !== GOOD_PASSWORD.replace(/ /g, '')) return json(401, { code: 'incorrect_password', message: 'The provided password is an invalid application password.', data: { status: 401 } });
  return json(200, { id: 1, name: 'Ada Lovelace', capabilities: { edit_posts: true } });
}

describe('postwright targets add', () => {
  let store: MemoryStore;
  let publishing: PublishService;
  const services = () => ({ publishing }) as unknown as Services;
  const add = (args: string[], secret: string, out: (t: string) => void = () => undefined) =>
    runTargets(services(), ['add', 'School blog', '--kind', 'wordpress', '--url', 'https://blog.example.com', '--username', 'ada', ...args], out, async () => secret);

  beforeEach(() => {
    store = new MemoryStore();
    publishing = new PublishService({ libraryRoot: store.root, store, secrets: new MemorySecretStore(), backend: { fetch: fakeWordPress } });
  });
  afterEach(() => {
    publishing.close();
    store.remove();
  });

  it('refuses a wrong password and saves nothing', async () => {
    await expect(add([], 'wrong wrong wrong wrong wrong wron')).rejects.toThrow(/Nothing was saved.*--no-check/s);
    expect(await publishing.targets.list()).toEqual([]);
  });

  it('saves a password that signs in, and says as whom', async () => {
    let printed = '';
    expect(await add([], GOOD_PASSWORD, (t) => (printed += t))).toBe(0);
    expect(printed).toContain('Added School blog (Ada Lovelace on blog.example.com).');
    expect(await publishing.targets.list()).toMatchObject([{ settings: { name: 'School blog' }, hasSecret: true }]);
  });

  it('--no-check saves without signing in', async () => {
    expect(await add(['--no-check'], 'not checked')).toBe(0);
    expect(await publishing.targets.list()).toMatchObject([{ settings: { name: 'School blog' }, hasSecret: true }]);
  });
});
