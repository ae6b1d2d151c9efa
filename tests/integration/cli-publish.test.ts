/// `postwright targets` and `postwright publish` as a user types them, against a real WordPress.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPostwright } from './cli-runner';
import { hasWordPress, startWordPress, type WordPress } from '../servers/wordpress';

describe.skipIf(!hasWordPress)(hasWordPress ? 'postwright publish to WordPress' : 'postwright publish (skipped: install with tests/servers/wordpress/install.sh)', () => {
  let wp: WordPress;
  let base: string;
  let library: string;

  const postwright = (args: string[], input?: string) => runPostwright(library, path.join(base, 'state'), args, input);

  beforeAll(async () => {
    wp = await startWordPress();
    base = mkdtempSync(path.join(os.tmpdir(), 'pw-cli-pub-'));
    library = path.join(base, 'Blog');
    mkdirSync(path.join(library, 'posts', 'osmosis'), { recursive: true });
    writeFileSync(
      path.join(library, 'posts', 'osmosis', 'index.md'),
      '---\ntitle: Osmosis in potato slices\nstatus: published\ntags: [biology]\n---\n\nSalt water pulls water **out** of the potato.\n\n| Solution | Change in mass |\n|---|---:|\n| Salt | -12% |\n',
    );
  }, 90_000);
  afterAll(async () => {
    await wp?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('adds a target with the password on stdin and tests it', async () => {
    const added = await postwright(['targets', 'add', 'School blog', '--kind', 'wordpress', '--url', wp.url, '--username', wp.username, '--password-stdin'], `${wp.appPassword}\n`);
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/Added School blog \(.+ on 127\.0\.0\.1/); // it signed in before saving
    const listed = await postwright(['targets', 'list']);
    expect(listed.stdout).toContain(`School blog\twordpress\tWordPress · ${wp.url} · ${wp.username}`);
    expect(readFileSync(path.join(library, '.postwright', 'targets.json'), 'utf8')).not.toContain(wp.appPassword);
    const tested = await postwright(['targets', 'test', 'School blog']);
    expect(tested.stdout).toMatch(/School blog: signed in as/);
  });

  it('shows what would be sent, then publishes once however often it is run', async () => {
    const dry = await postwright(['publish', 'osmosis', '--target', 'School blog', '--dry-run']);
    expect(dry.stdout).toContain('Would create “Osmosis in potato slices” (published)');
    expect(dry.stdout).toContain('<td style="text-align:right">-12%</td>');

    const first = await postwright(['publish', 'osmosis', '--target', 'School blog']);
    expect(first.code).toBe(0);
    const url = /Published: (\S+)/.exec(first.stdout)?.[1];
    expect(url).toBeTruthy();
    const page = await (await fetch(url!)).text();
    expect(page).toContain('Salt water pulls water');

    const again = await postwright(['publish', 'osmosis', '--target', 'School blog']);
    expect(again.stdout).toContain(`Nothing changed since the last publish: ${url}`);
    const posts = (await (await fetch(`${wp.url}/wp-json/wp/v2/posts?search=Osmosis`)).json()) as unknown[];
    expect(posts).toHaveLength(1);
    expect(readFileSync(path.join(library, 'posts', 'osmosis', 'index.md'), 'utf8')).toMatch(/publish:\n {2}School blog:\n {4}id: "?\d+"?\n/);
    // Each run is a new process that loads WordPress's block library (seconds on a busy machine).
  }, 180_000);

  it('says plainly when the password is wrong', async () => {
    const refused = await postwright(['targets', 'add', 'Wrong', '--kind', 'wordpress', '--url', wp.url, '--username', wp.username, '--password-stdin'], 'abcd efgh ijkl mnop qrst uvwx\n');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Nothing was saved/);
    await postwright(['targets', 'add', 'Wrong', '--kind', 'wordpress', '--url', wp.url, '--username', wp.username, '--password-stdin', '--no-check'], 'abcd efgh ijkl mnop qrst uvwx\n');
    const tested = await postwright(['targets', 'test', 'Wrong']);
    expect(tested.code).not.toBe(0);
    expect(tested.stderr).toMatch(/application password/i);
    expect(tested.stderr).not.toMatch(/^\s+at /m);
  });
});
