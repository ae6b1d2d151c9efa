import { execFileSync } from 'node:child_process';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AtomicFs, SaveError, cleanupStaleTemps, writeFileAtomic } from '../../../main/fs/atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-atomic-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const temps = async (folder = dir) => (await fs.readdir(folder)).filter((n) => n.endsWith('.pw-tmp'));
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/// The real fs with one step made to fail, the way a full or read-only disk fails it.
function failing(step: 'writeFile' | 'sync' | 'rename' | 'open', code: string): AtomicFs {
  return {
    open: async (p, flags, mode) => {
      if (step === 'open') throw errno(code);
      const handle = await fs.open(p, flags, mode);
      return {
        writeFile: async (d) => (step === 'writeFile' ? (await handle.writeFile('partial'), Promise.reject(errno(code))) : handle.writeFile(d)),
        chmod: (m) => handle.chmod(m),
        sync: () => (step === 'sync' ? Promise.reject(errno(code)) : handle.sync()),
        close: () => handle.close(),
      };
    },
    rename: (a, b) => (step === 'rename' ? Promise.reject(errno(code)) : fs.rename(a, b)),
    unlink: (p) => fs.unlink(p),
    stat: (p) => fs.stat(p),
    realpath: (p) => fs.realpath(p),
  };
}

describe('writeFileAtomic', () => {
  it('writes new and existing files, text or bytes, and leaves no temp behind', async () => {
    const file = path.join(dir, 'index.md');
    await writeFileAtomic(file, '# First\n');
    expect(await fs.readFile(file, 'utf8')).toBe('# First\n');
    await writeFileAtomic(file, new TextEncoder().encode('\uFEFF# Second\r\n'));
    expect(await fs.readFile(file, 'utf8')).toBe('\uFEFF# Second\r\n');
    expect(await fs.readdir(dir)).toEqual(['index.md']);
  });

  it.skipIf(process.platform === 'win32')('keeps the file mode', async () => {
    const file = path.join(dir, 'index.md');
    for (const mode of [0o640, 0o755, 0o600]) {
      await fs.writeFile(file, 'old');
      await fs.chmod(file, mode);
      await writeFileAtomic(file, 'new');
      expect((await fs.stat(file)).mode & 0o7777).toBe(mode);
    }
  });

  it('writes through a symlink and keeps the link', async () => {
    const real = path.join(dir, 'real.md');
    const link = path.join(dir, 'link.md');
    await fs.writeFile(real, 'old');
    await fs.symlink(real, link);
    await writeFileAtomic(link, 'new');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(real, 'utf8')).toBe('new');
  });

  it('copes with a long file name', async () => {
    const file = path.join(dir, `${'a'.repeat(240)}.md`);
    await writeFileAtomic(file, 'x');
    expect(await fs.readFile(file, 'utf8')).toBe('x');
  });

  it('lands 100 concurrent writes to one path in call order; the last one wins', async () => {
    const file = path.join(dir, 'index.md');
    const landed: string[] = [];
    const recording: AtomicFs = {
      ...failing('open', 'unused'),
      open: async (p, flags, mode) => {
        const handle = await fs.open(p, flags, mode);
        return {
          writeFile: (d) => (landed.push(String(d)), handle.writeFile(d)),
          chmod: (m) => handle.chmod(m),
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    };
    const versions = Array.from({ length: 100 }, (_, i) => `version ${i}\n`.repeat(1 + (i % 7) * 500));
    // Two spellings of the same path share one queue.
    await Promise.all(versions.map((v, i) => writeFileAtomic(i % 2 ? file : `${dir}/./sub/../index.md`, v, { fs: recording })));
    expect(landed.filter((d) => d.startsWith('version'))).toEqual(versions);
    expect(await fs.readFile(file, 'utf8')).toBe(versions[99]);
    expect(await temps()).toEqual([]);
  });

  it('keeps the queue going after a failed write', async () => {
    const file = path.join(dir, 'index.md');
    const first = writeFileAtomic(file, 'lost', { fs: failing('writeFile', 'ENOSPC') });
    const second = writeFileAtomic(file, 'saved');
    await expect(first).rejects.toBeInstanceOf(SaveError);
    await second;
    expect(await fs.readFile(file, 'utf8')).toBe('saved');
  });

  const cases: [string, string, SaveError['code']][] = [
    ['writeFile', 'ENOSPC', 'disk-full'],
    ['writeFile', 'EDQUOT', 'disk-full'],
    ['sync', 'EIO', 'unknown'],
    ['rename', 'EROFS', 'read-only'],
    ['open', 'EACCES', 'permission'],
    ['rename', 'EPERM', 'permission'],
    ['open', 'ENOENT', 'not-found'],
  ];
  it.each(cases)('a failing %s with %s is a SaveError %s; the old file and folder are untouched', async (step, code, kind) => {
    const file = path.join(dir, 'index.md');
    await fs.writeFile(file, 'the old words');
    const error = await writeFileAtomic(file, 'the new words', { displayName: 'My post', fs: failing(step as 'open', code) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SaveError);
    expect(error).toMatchObject({ code: kind, path: file });
    expect((error as SaveError).message).toContain('“My post”');
    expect((error as SaveError).message).toContain('still in the editor');
    expect(await fs.readFile(file, 'utf8')).toBe('the old words');
    expect(await temps()).toEqual([]);
  });

  it('says disk full in plain words', async () => {
    await fs.mkdir(path.join(dir, 'my-post'));
    const error = await writeFileAtomic(path.join(dir, 'my-post', 'index.md'), 'x', { fs: failing('writeFile', 'ENOSPC') }).catch((e: SaveError) => e);
    expect((error as SaveError).message).toBe(
      'The disk is full, so “my-post” could not be saved. Your text is still in the editor; free some space and save again.',
    );
  });

  it('reports a folder that is gone (its parent is a file) as not-found', async () => {
    await fs.writeFile(path.join(dir, 'not-a-folder'), 'x');
    const error = await writeFileAtomic(path.join(dir, 'not-a-folder', 'index.md'), 'x').catch((e: SaveError) => e);
    expect(error).toMatchObject({ code: 'not-found' });
    expect(await fs.readdir(dir)).toEqual(['not-a-folder']);
  });

  // Root ignores permission bits, so this real check only means something for other users.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('fails with permission in a read-only folder (non-root only)', async () => {
    const file = path.join(dir, 'index.md');
    await fs.writeFile(file, 'old');
    await fs.chmod(dir, 0o555);
    try {
      await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({ code: 'permission' });
      expect(await fs.readFile(file, 'utf8')).toBe('old');
    } finally {
      await fs.chmod(dir, 0o755);
    }
  });
});

/// Real full and read-only disks via a tiny tmpfs; needs root and a working `mount` (Linux CI as root).
function tryMount(options: string): string | null {
  const point = mkdtempSync(path.join(os.tmpdir(), 'pw-mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', point], { stdio: 'ignore' });
    return point;
  } catch {
    rmSync(point, { recursive: true, force: true });
    return null;
  }
}
function unmount(point: string): void {
  execFileSync('umount', [point], { stdio: 'ignore' });
  rmSync(point, { recursive: true, force: true });
}
const canMount = process.platform === 'linux' && process.getuid?.() === 0 && (() => {
  const p = tryMount('size=64k');
  if (p) unmount(p);
  return p !== null;
})();

describe.skipIf(!canMount)('writeFileAtomic on real small disks (skipped: needs root and mount)', () => {
  it('a full disk gives disk-full, keeps the old file and removes the temp', async () => {
    const point = tryMount('size=64k')!;
    try {
      const file = path.join(point, 'index.md');
      await writeFileAtomic(file, 'old words\n'.repeat(400));
      const error = await writeFileAtomic(file, 'x'.repeat(200_000), { displayName: 'Big post' }).catch((e: SaveError) => e);
      expect(error).toMatchObject({ code: 'disk-full' });
      expect(await fs.readFile(file, 'utf8')).toBe('old words\n'.repeat(400));
      expect(await temps(point)).toEqual([]);
    } finally {
      unmount(point);
    }
  });

  it('a read-only disk gives read-only and keeps the old file', async () => {
    const point = tryMount('size=1m')!;
    try {
      const file = path.join(point, 'index.md');
      await writeFileAtomic(file, 'old');
      execFileSync('mount', ['-o', 'remount,ro', point]);
      await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({ code: 'read-only' });
      expect(await fs.readFile(file, 'utf8')).toBe('old');
      expect(await temps(point)).toEqual([]);
    } finally {
      unmount(point);
    }
  });
});

describe('cleanupStaleTemps', () => {
  it('removes temps older than a minute and leaves fresh ones and user files', async () => {
    const old = new Date(Date.now() - 5 * 60_000);
    const stale = path.join(dir, '.index.md.a1b2c3.pw-tmp');
    const fresh = path.join(dir, '.index.md.d4e5f6.pw-tmp');
    await fs.mkdir(path.join(dir, 'post'));
    const nested = path.join(dir, 'post', '.index.md.aaaaaa.pw-tmp');
    for (const f of [stale, fresh, nested, path.join(dir, 'user.pw-tmp'), path.join(dir, 'index.md')]) await fs.writeFile(f, 'x');
    for (const f of [stale, nested, path.join(dir, 'user.pw-tmp')]) await fs.utimes(f, old, old);

    expect(await cleanupStaleTemps(dir)).toBe(1);
    expect((await fs.readdir(dir)).sort()).toEqual(['.index.md.d4e5f6.pw-tmp', 'index.md', 'post', 'user.pw-tmp']);
    expect(await cleanupStaleTemps(dir, { recursive: true })).toBe(1);
    expect(await cleanupStaleTemps(path.join(dir, 'missing'))).toBe(0);
  });
});
