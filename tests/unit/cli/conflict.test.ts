/// What `postwright publish` prints when the blog's copy was edited since the last publish.
import { describe, expect, it } from 'vitest';
import { describeConflict } from '../../../main/cli/conflict';
import { runCli } from '../../../main/cli/index';
import { report } from '../../../main/cli/publish';

const remote = { title: 'Osmosis in potatoes', content: '', markdown: 'Salt water pulls water out.\n\nEdited on the blog.\n\nThe end.\n', modified: null, url: 'https://blog.test/osmosis' };

describe('the CLI conflict message', () => {
  it('shows both titles and only the body lines that differ, then the choices', () => {
    const text = describeConflict(remote, { title: 'Osmosis in potato slices', body: 'Salt water pulls water out.\n\nMy new paragraph.\n\nThe end.\n' }, 'School blog');
    expect(text).toContain('Title on School blog: Osmosis in potatoes\nTitle in the post: Osmosis in potato slices\n');
    expect(text).toContain('- Edited on the blog.\n');
    expect(text).toContain('+ My new paragraph.\n');
    expect(text).not.toContain('Salt water');
    expect(text).toContain('--overwrite');
    expect(text).toContain('--take-remote');
  });

  it('says so when only the blog copy’s save stamp moved', () => {
    const text = describeConflict(remote, { title: remote.title, body: remote.markdown.replace(/\n/g, '\r\n') }, 'School blog');
    expect(text).toContain('The text is the same on both sides');
    expect(text).not.toMatch(/^[+-] /m);
  });

  it('`postwright publish` prints the diff and the choices on a conflict, and exits 1', async () => {
    let printed = '';
    const failure = { kind: 'conflict' as const, message: '“Osmosis” was changed on WordPress since you last published it.', remote };
    const code = await report({ kind: 'failed', target: 'School blog', failure }, (t) => (printed += t), async () => ({ title: remote.title, body: 'Salt water pulls water out.\n\nThe end.\n' }));
    expect(code).toBe(1);
    expect(printed).toContain('was changed on WordPress');
    expect(printed).toContain('- Edited on the blog.');
    expect(printed).toContain('--take-remote   bring the blog’s version into the post');
  });

  it('--help documents --overwrite and --take-remote', async () => {
    let help = '';
    await runCli(['--help'], (t) => (help += t));
    expect(help).toMatch(/--overwrite\s+\S/);
    expect(help).toMatch(/--take-remote\s+\S/);
  });
});
